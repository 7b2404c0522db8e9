// Offline reading. Served at /sw.js by literacy.views.service_worker, which
// fills in VERSION and PRECACHE (the offline page and the hashed CSS/JS).
// Pages: network first, falling back to a saved copy, then to /offline/.
// Fingerprinted /static/ files never change: cache first. Saved lessons
// (the "Save for offline reading" button) live in SAVED across versions.
// The field app (/field/): network first; when the network fails, the cached
// field shell (/field/app/), which renders the page asked for from IndexedDB
// by its path; Background Sync sends its outbox (field-db.js, FIELD_SCRIPTS).
"use strict";
var VERSION = "dev";
var OFFLINE = ["/offline/"];
var PRECACHE = OFFLINE.slice();
var SHELL = "shell-" + VERSION;
var STATIC = "static-v1";
var SAVED = "saved-v1";
// Home pages and print views are kept from the last visit, so they open offline too.
var VISITED = "visited-v1";
var KEEP_ON_VISIT = /^\/([a-z]{2}\/)?$|\/print\/$/;
var HASHED = /\.[0-9a-f]{12}\.\w+$/;
var SKIP = /^\/(admin|accounts|i18n|documents|django-admin|api)\//;
var FIELD = "field-v1";
var FIELD_SHELL = "/field/app/";
var FIELD_SCRIPTS = [];
try {
  if (FIELD_SCRIPTS.length) importScripts.apply(self, FIELD_SCRIPTS);
} catch (e) { /* no Background Sync; pages still send */ }

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(PRECACHE); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        if (name.indexOf("shell-") === 0 && name !== SHELL) return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

function stash(cacheName, request, response) {
  if (response && response.ok && response.type === "basic") {
    var copy = response.clone();
    caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

function cached(request) {
  return caches.match(request, { ignoreVary: true });
}

// The offline page in the language of the path: /en/... gets /en/offline/.
function offlinePage(path) {
  return OFFLINE.reduce(function (best, o) {
    var prefix = o.slice(0, -"offline/".length);
    return path.indexOf(prefix) === 0 && o.length > best.length ? o : best;
  }, OFFLINE[0]);
}

function page(request) {
  return fetch(request).then(function (response) {
    if (KEEP_ON_VISIT.test(new URL(request.url).pathname)) stash(VISITED, request, response);
    // Keep a saved lesson fresh; never start caching pages nobody saved.
    caches.open(SAVED).then(function (cache) {
      return cache.match(request, { ignoreVary: true }).then(function (old) {
        if (old && response.ok) return cache.put(request, response.clone());
      });
    });
    return response;
  }).catch(function () {
    return cached(request).then(function (hit) {
      return hit || cached(offlinePage(new URL(request.url).pathname));
    });
  });
}

// A field page: the server's when it answers; else the shell, which renders it offline.
function fieldPage(request) {
  var path = new URL(request.url).pathname;
  return fetch(request).then(function (response) {
    if (response.status >= 502 && response.status <= 504) throw new Error("gateway");
    if (path.indexOf(FIELD_SHELL) === 0 && response.ok && !response.redirected) {
      stash(FIELD, FIELD_SHELL, response);
    }
    return response;
  }).catch(function () {
    return caches.open(FIELD).then(function (cache) { return cache.match(FIELD_SHELL); })
      .then(function (hit) { return hit || cached(offlinePage(path)); });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === "field-outbox" && self.FieldDB) event.waitUntil(self.FieldDB.send(true).then(function (r) {
    if (r && r.offline) throw new Error("offline");  // Background Sync tries again later
  }));
});

function asset(request, path) {
  if (HASHED.test(path)) {
    return cached(request).then(function (hit) {
      return hit || fetch(request).then(function (r) { return stash(STATIC, request, r); });
    });
  }
  // Unfingerprinted (development): network first so edits show at once.
  return fetch(request).then(function (r) { return stash(STATIC, request, r); })
    .catch(function () { return cached(request); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || SKIP.test(url.pathname)) return;
  if (request.mode === "navigate" && url.pathname.indexOf("/field/") === 0) {
    event.respondWith(fieldPage(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(request, url.pathname));
  } else {
    // Images and other media: a saved copy if there is one, else the network.
    event.respondWith(cached(request).then(function (hit) { return hit || fetch(request); }));
  }
});
