// Display preferences (text size, contrast) kept on the device.
(function () {
  var root = document.documentElement;
  function load() { try { return JSON.parse(localStorage.getItem("prefs")) || {}; } catch (e) { return {}; } }
  function save(p) { try { localStorage.setItem("prefs", JSON.stringify(p)); } catch (e) {} }
  function apply(p) {
    if (p.size) root.dataset.size = p.size; else delete root.dataset.size;
    if (p.contrast) root.dataset.contrast = "high"; else delete root.dataset.contrast;
    document.querySelectorAll("[data-pref]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(!!p[b.dataset.pref]));
    });
  }
  var prefs = load();
  apply(prefs);
  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-pref]");
    if (!b) return;
    var key = b.dataset.pref;
    prefs[key] = prefs[key] ? null : (key === "size" ? "large" : true);
    save(prefs); apply(prefs);
  });
})();
// Offline reading (sw.js is served from the site root; see literacy/views.py).
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(function () {});
