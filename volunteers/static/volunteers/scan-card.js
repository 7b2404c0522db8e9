// "Scan card" on My households: reads a household card's QR code with the camera where the
// browser has BarcodeDetector, and opens /field/h/<code>/. Elsewhere the button stays hidden
// and the code is typed into the search box, as without JavaScript.
(function () {
  "use strict";
  var button = document.querySelector("[data-scan-card]");
  var dialog = document.querySelector("[data-scan-dialog]");
  if (!button || !dialog || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia || !dialog.showModal) return;
  var video = dialog.querySelector("video");
  var status = dialog.querySelector("[data-scan-status]");
  var stream = null, timer = null, detector = null;
  var CARD = /\/field\/h\/([A-Za-z0-9-]{1,32})\/?$/;

  // Only a card of this app opens: a /field/h/<code>/ URL (any host, so cards printed before
  // the site moved still work; the page opened is always on this site).
  function cardUrl(text) {
    var path;
    try { path = new URL((text || "").trim()).pathname; } catch (e) { return null; }
    var match = CARD.exec(path);
    return match ? "/field/h/" + encodeURIComponent(match[1].toUpperCase()) + "/" : null;
  }
  function stop() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.srcObject = null;
  }
  function look() {
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      for (var i = 0; i < codes.length; i++) {
        var url = cardUrl(codes[i].rawValue);
        if (url) { stop(); status.textContent = button.dataset.opening; window.location.assign(url); return; }
      }
      if (codes.length) status.textContent = button.dataset.notCard;
      timer = setTimeout(look, 250);
    }).catch(function () { timer = setTimeout(look, 500); });
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.point;
    dialog.showModal();
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
    if (!detector) { status.textContent = button.dataset.noCamera; return; }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s; video.srcObject = s;
      return video.play();
    }).then(look).catch(function () { stop(); status.textContent = button.dataset.noCamera; });
  });
  dialog.addEventListener("close", stop);
  dialog.querySelector("[data-scan-close]").addEventListener("click", function () { dialog.close(); });
})();
