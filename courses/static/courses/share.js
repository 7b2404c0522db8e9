// "Share" on lessons, courses, videos and the FAQ: the phone's share sheet (Web Share
// API) where there is one, else the link is copied and the page says "Link copied".
// The button is hidden until this runs, so a page without JavaScript shows none.
(function () {
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }
  document.querySelectorAll("[data-share-wrap]").forEach(function (wrap) {
    var button = wrap.querySelector("[data-share]");
    var status = wrap.querySelector("[data-share-status]");
    var d = button.dataset;
    wrap.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.share) {
        navigator.share({ title: d.shareTitle, url: d.shareUrl }).catch(function () {});
        return;
      }
      copy(d.shareUrl).then(
        function () { status.textContent = d.copied; },
        function () { status.textContent = d.copyFailed + " " + d.shareUrl; }
      );
    });
  });
})();
