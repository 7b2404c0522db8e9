// Runs in <head> before the page is drawn (was an inline script; the CSP allows no inline script):
// mark that JavaScript runs, apply the reader's saved text size and contrast, and make every
// [data-print] button print the page.
(function () {
  "use strict";
  var root = document.documentElement;
  root.className = "js";
  try {
    var saved = localStorage.getItem("prefs");
    if (saved) {
      saved = JSON.parse(saved);
      if (saved.size) root.dataset.size = saved.size;
      if (saved.contrast) root.dataset.contrast = "high";
    }
  } catch (e) { /* storage off or corrupt: defaults */ }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { event.preventDefault(); window.print(); }
  });
})();
