// "Save for offline reading": caches this page, its images and its CSS/JS
// for the service worker (sw.js), and lists saved pages in [data-saved-list].
(function () {
  if (!("serviceWorker" in navigator && "caches" in window)) return;
  var KEY = "offline-saved";
  var TEXT = {
    vi: ["Đã lưu để đọc khi không có mạng", "Không lưu được. Hãy thử lại khi có mạng."],
    en: ["Saved for offline reading", "Could not save. Try again when you are online."],
    de: ["Zum Offline-Lesen gespeichert", "Speichern fehlgeschlagen. Bitte mit Internet erneut versuchen."]
  };
  function list() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
  function remember(url, title) {
    var items = list().filter(function (i) { return i.url !== url; });
    items.unshift({ url: url, title: title });
    try { localStorage.setItem(KEY, JSON.stringify(items.slice(0, 50))); } catch (e) {}
  }
  function urls() {
    var found = [location.href];
    function add(u) { if (u) found.push(new URL(u.trim().split(/\s+/)[0], location.href).href); }
    document.querySelectorAll("img[src]").forEach(function (i) { add(i.getAttribute("src")); });
    document.querySelectorAll("img[srcset],source[srcset]").forEach(function (el) {
      el.getAttribute("srcset").split(",").forEach(add);
    });
    document.querySelectorAll("video[poster]").forEach(function (v) { add(v.getAttribute("poster")); });
    document.querySelectorAll("link[rel=stylesheet],script[src]").forEach(function (el) { add(el.href || el.src); });
    return found.filter(function (u, i) { return found.indexOf(u) === i && u.indexOf(location.origin) === 0; });
  }
  function say(button, ok) {
    var words = TEXT[document.documentElement.lang] || TEXT.en;
    var status = button.parentNode.querySelector("[data-save-status]");
    if (!status) {
      status = document.createElement("p");
      status.setAttribute("role", "status");
      status.setAttribute("data-save-status", "");
      button.insertAdjacentElement("afterend", status);
    }
    status.textContent = (ok ? button.dataset.saved : button.dataset.failed) || words[ok ? 0 : 1];
  }
  function save(button) {
    button.disabled = true;
    caches.open("saved-v1").then(function (cache) {
      return Promise.all(urls().map(function (u) {
        return cache.add(new Request(u, { credentials: "same-origin" })).then(
          function () { return true; }, function () { return u !== location.href; });
      })).then(function (results) {
        return results.indexOf(false) === -1;
      });
    }).then(function (ok) {
      if (ok) remember(location.pathname + location.search, document.title);
      say(button, ok);
    }, function () { say(button, false); }).then(function () { button.disabled = false; });
  }
  document.querySelectorAll("[data-save-offline]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { save(button); });
  });
  document.querySelectorAll("[data-saved-list]").forEach(function (box) {
    var items = list(), ul = box.querySelector("ul");
    if (!items.length || !ul) return;
    items.forEach(function (i) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = i.url; a.textContent = i.title.split(" · ")[0]; li.appendChild(a); ul.appendChild(li);
    });
    box.hidden = false;
  });
})();
