// "My screen looks different": offline, say so and keep the text instead of losing the page.
(function () {
  "use strict";
  var form = document.querySelector("[data-screen-report]");
  var note = document.querySelector("[data-offline-note]");
  if (!form || !note) return;
  function show() { note.hidden = navigator.onLine !== false; }
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  show();
  form.addEventListener("submit", function (event) {
    if (navigator.onLine === false) {
      event.preventDefault();
      note.hidden = false;
      note.focus && note.setAttribute("tabindex", "-1");
      note.focus && note.focus();
    }
  });
})();
