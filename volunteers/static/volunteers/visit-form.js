// The visit form: one tap saves once (a second tap while the first is sent does nothing),
// and "same as last visit" shows the boxes it stands for as ticked.
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var button = form.querySelector("button[type=submit]");
    if (button.disabled) { event.preventDefault(); }
    button.disabled = true;
  });

  // Without this script the server adds the last visit's skills and services when the box
  // is ticked; with it, the volunteer sees them ticked and may untick any of them.
  var same = form.querySelector("input[name=same_as_last]");
  if (!same) return;
  function boxes() {
    var found = [];
    [["skills", same.dataset.skills], ["services", same.dataset.services]].forEach(function (pair) {
      (pair[1] || "").split(" ").forEach(function (id) {
        if (!id) return;
        var box = form.querySelector("input[name=" + pair[0] + "][value='" + id + "']");
        if (box) found.push(box);
      });
    });
    return found;
  }
  var ticked = [];
  same.addEventListener("change", function () {
    if (same.checked) {
      ticked = boxes().filter(function (box) { return !box.checked; });
      ticked.forEach(function (box) { box.checked = true; });
    } else {
      ticked.forEach(function (box) { box.checked = false; });
      ticked = [];
    }
  });
  boxes().forEach(function (box) {
    box.addEventListener("change", function () {
      // Unticking one of them: the visit is no longer "the same", and the server must not add it back.
      if (!box.checked && same.checked) { same.checked = false; ticked = []; }
    });
  });
})();
