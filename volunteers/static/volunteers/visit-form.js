// The visit form: one tap saves once (a second tap while the first is sent does nothing).
(function () {
  "use strict";
  var form = document.getElementById("visit-form");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var button = form.querySelector("button[type=submit]");
    if (button.disabled) { event.preventDefault(); }
    button.disabled = true;
  });
})();
