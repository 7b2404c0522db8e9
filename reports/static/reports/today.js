// Today: the phone's waiting count and last successful sync, from the offline field app's
// store (field-db.js: window.FieldDB). Where that store is missing, the line stays hidden.
(function () {
  "use strict";
  var line = document.querySelector("[data-today-sync]");
  if (!line || !window.FieldDB || !window.indexedDB) return;
  var count = line.querySelector("[data-outbox-count]");
  var last = line.querySelector("[data-last-sync]");
  var lang = document.documentElement.lang || undefined;
  function show() {
    Promise.all([window.FieldDB.outbox(), window.FieldDB.meta("last_sync")]).then(function (v) {
      var waiting = v[0].filter(function (item) { return item.status === "waiting"; }).length;
      count.textContent = String(waiting);
      if (v[1]) {
        last.textContent = new Date(v[1]).toLocaleString(lang, { dateStyle: "short", timeStyle: "short" });
      }
      line.hidden = false;
    }).catch(function () {});
  }
  show();
  if (window.FieldDB.onchange) window.FieldDB.onchange(show);
})();
