// The import job page: poll the job's status view and reload once it is finished
// (the server renders the report). No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  var section = document.querySelector("[data-import-status-url]");
  if (!section) return;
  var url = section.getAttribute("data-import-status-url");
  var bar = section.querySelector("[data-import-bar]");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (bar) bar.value = job.percent;
        if (job.finished) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
