// "Save for offline reading": caches this page, its print view, the one image
// size the screen uses and the CSS/JS for the service worker (sw.js); shows
// that a page is saved; lists saved pages with the storage used and a way to
// remove them; says when a video needs a connection.
(function () {
  var KEY = "offline-saved", CACHE = "saved-v1";
  var TEXT = {
    vi: ["Đã lưu để đọc khi không có mạng", "Không lưu được. Hãy thử lại khi có mạng.", "Xóa", "Đang dùng %s trên điện thoại này"],
    en: ["Saved for offline reading", "Could not save. Try again when you are online.", "Remove", "Using %s on this phone"],
    de: ["Zum Offline-Lesen gespeichert", "Speichern fehlgeschlagen. Bitte mit Internet erneut versuchen.", "Entfernen", "Belegt %s auf diesem Handy"]
  };
  var words = TEXT[document.documentElement.lang] || TEXT.en;
  function showOffline() {
    document.querySelectorAll("[data-needs-network]").forEach(function (el) { el.hidden = navigator.onLine; });
  }
  showOffline();
  window.addEventListener("online", showOffline);
  window.addEventListener("offline", showOffline);
  if (!("serviceWorker" in navigator && "caches" in window)) return;

  function list() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
  function store(items) { try { localStorage.setItem(KEY, JSON.stringify(items.slice(0, 50))); } catch (e) {} }
  function here() { return location.pathname + location.search; }
  function abs(u) { return new URL(u, location.href).href; }
  function urls() {
    var found = [location.href];
    function add(u) { if (u) found.push(abs(u.trim().split(/\s+/)[0])); }
    // One image per picture: the size this screen chose (currentSrc), not every srcset entry.
    document.querySelectorAll("img").forEach(function (i) { add(i.currentSrc || i.getAttribute("src")); });
    document.querySelectorAll("video[poster]").forEach(function (v) { add(v.getAttribute("poster")); });
    document.querySelectorAll("[data-print-link]").forEach(function (a) { add(a.getAttribute("href")); });
    document.querySelectorAll("link[rel=stylesheet],script[src]").forEach(function (el) { add(el.href || el.src); });
    return found.filter(function (u, i) { return found.indexOf(u) === i && u.indexOf(location.origin) === 0; });
  }
  function status(button, text) {
    var p = button.parentNode.querySelector("[data-save-status]");
    if (!p) {
      p = document.createElement("p");
      p.setAttribute("role", "status");
      p.setAttribute("data-save-status", "");
      button.insertAdjacentElement("afterend", p);
    }
    p.textContent = text;
  }
  function markSaved(button) {
    button.setAttribute("aria-pressed", "true");
    status(button, button.dataset.saved || words[0]);
  }
  // Lazy images below the fold have no currentSrc yet: load them first, so the
  // size kept is the one this screen shows when the lesson is read offline.
  function loadImages() {
    return Promise.all(Array.prototype.map.call(document.images, function (i) {
      i.loading = "eager";
      return i.decode ? i.decode().catch(function () {}) : null;
    }));
  }
  function save(button) {
    button.disabled = true;
    var wanted;
    loadImages().then(function () { wanted = urls(); return caches.open(CACHE); }).then(function (cache) {
      return Promise.all(wanted.map(function (u) {
        return cache.add(new Request(u, { credentials: "same-origin" })).then(
          function () { return true; }, function () { return u !== location.href; });
      }));
    }).then(function (results) {
      if (results.indexOf(false) !== -1) throw new Error("not saved");
      var items = list().filter(function (i) { return i.url !== here(); });
      items.unshift({ url: here(), title: document.title, files: wanted });
      store(items);
      markSaved(button);
    }).catch(function () { status(button, button.dataset.failed || words[1]); })
      .then(function () { button.disabled = false; });
  }
  function remove(item) {
    var rest = list().filter(function (i) { return i.url !== item.url; });
    var kept = {};
    rest.forEach(function (i) { (i.files || [abs(i.url)]).forEach(function (u) { kept[u] = 1; }); });
    store(rest);
    return caches.open(CACHE).then(function (cache) {
      return Promise.all((item.files || [abs(item.url)]).map(function (u) {
        return kept[u] ? null : cache.delete(u, { ignoreVary: true });
      }));
    });
  }
  document.querySelectorAll("[data-save-offline]").forEach(function (button) {
    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () { save(button); });
    caches.open(CACHE).then(function (c) { return c.match(location.href, { ignoreVary: true }); })
      .then(function (hit) { if (hit && list().some(function (i) { return i.url === here(); })) markSaved(button); });
  });
  function usage(box) {
    var p = box.querySelector("[data-saved-usage]");
    if (!p || !(navigator.storage && navigator.storage.estimate)) return;
    navigator.storage.estimate().then(function (e) {
      p.textContent = words[3].replace("%s", (e.usage / 1048576).toFixed(1) + " MB");
    });
  }
  document.querySelectorAll("[data-saved-list]").forEach(function (box) {
    var ul = box.querySelector("ul");
    function draw() {
      var items = list();
      ul.replaceChildren();
      items.forEach(function (i) {
        var li = document.createElement("li"), a = document.createElement("a"), b = document.createElement("button");
        a.href = i.url; a.textContent = i.title.split(" · ")[0];
        b.type = "button"; b.className = "button small"; b.textContent = words[2];
        b.setAttribute("aria-label", words[2] + ": " + a.textContent);
        b.addEventListener("click", function () { remove(i).then(draw); });
        li.append(a, " ", b); ul.appendChild(li);
      });
      box.hidden = !items.length;
      usage(box);
    }
    draw();
  });
})();
