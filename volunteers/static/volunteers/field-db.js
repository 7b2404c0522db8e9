// The field app's store and sync (docs/sync-api.md), for pages and the service worker.
// IndexedDB "field": meta (key/value: cursor, me, reference lists, last sync),
// households (by server id), outbox (by client_id: everything made on this phone
// that the server has not accepted) and sent (accepted items with the server's
// object, e.g. a certificate's verification code). No DOM here.
(function (g) {
  "use strict";
  var NAME = "field", API = "/api/v1/", BATCH = 50, RETRY = 10000, REF = ["teams", "areas", "members", "skills", "services"];
  var dbPromise = null, sending = null, listeners = [];

  function promised(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function open() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(NAME, 1);
        request.onupgradeneeded = function () {
          var db = request.result;
          db.createObjectStore("meta");
          db.createObjectStore("households", { keyPath: "id" });
          db.createObjectStore("outbox", { keyPath: "client_id" });
          db.createObjectStore("sent", { keyPath: "client_id" });
        };
        request.onsuccess = function () {
          var db = request.result;
          db.onversionchange = function () { db.close(); dbPromise = null; };
          resolve(db);
        };
        request.onerror = function () { dbPromise = null; reject(request.error); };
      });
    }
    return dbPromise;
  }
  // Run fn(stores...) in one transaction; resolves with fn's result once it is committed.
  function tx(names, mode, fn) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(names, mode), result;
        t.oncomplete = function () { resolve(result); };
        t.onerror = t.onabort = function () { reject(t.error); };
        Promise.resolve(fn.apply(null, names.map(function (n) { return t.objectStore(n); })))
          .then(function (r) { result = r; }, function (e) { try { t.abort(); } catch (x) {} reject(e); });
      });
    });
  }
  function all(name) { return tx([name], "readonly", function (s) { return promised(s.getAll()); }); }
  function get(name, key) { return tx([name], "readonly", function (s) { return promised(s.get(key)); }); }
  function meta(key, value) {
    if (value === undefined) return get("meta", key);
    return tx(["meta"], "readwrite", function (s) { s.put(value, key); });
  }
  function changed() { listeners.forEach(function (fn) { try { fn(); } catch (e) {} }); }

  // core/text.fold: lower-case ASCII, diacritics dropped (đ -> d, ß -> ss), spaces collapsed.
  var EXTRA = { "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "þ": "th", "ı": "i" };
  function fold(text) {
    return String(text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đðßæœøłþı]/g, function (c) { return EXTRA[c]; })
      .split(/\s+/).filter(Boolean).join(" ");
  }
  function uuid() {
    if (g.crypto && g.crypto.randomUUID) return g.crypto.randomUUID();
    var b = new Uint8Array(16);
    g.crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function csrf() {
    if (g.document) {
      var m = /(?:^|;\s*)csrftoken=([^;]+)/.exec(g.document.cookie);
      if (m) { meta("csrf", m[1]); return Promise.resolve(m[1]); }
    }
    return meta("csrf");
  }
  function request(method, path, body) {
    return csrf().then(function (token) {
      var headers = { Accept: "application/json" };
      if (body) { headers["Content-Type"] = "application/json"; headers["X-CSRFToken"] = token || ""; }
      return fetch(API + path, {
        method: method, credentials: "same-origin", headers: headers,
        body: body ? JSON.stringify(body) : undefined, cache: "no-store"
      });
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) { var e = new Error(json.detail || response.status); e.status = response.status; e.body = json; throw e; }
        return json;
      });
    });
  }

  // Download: changes since the stored cursor, page by page, each page in one transaction.
  function applyPage(page) {
    return tx(["meta", "households", "outbox"], "readwrite", function (m, h, o) {
      (page.removed_household_ids || []).forEach(function (id) { h.delete(id); });
      (page.households || []).forEach(function (row) { h.put(row); });
      REF.forEach(function (k) { if (page[k]) m.put(page[k], k); });
      if (page.me) m.put(page.me, "me");
      if (page.limits) m.put(page.limits, "limits");
      m.put(page.cursor, "cursor");
      // Refused items the phone no longer knows about come back (a lost outbox, rare).
      (page.my_rejected || []).forEach(function (r) {
        promised(o.get(r.client_id)).then(function (item) {
          if (item) return;
          o.put({ client_id: r.client_id, kind: r.kind, data: null, made_at: "", seq: 0, status: "refused", code: r.code, message: r.message });
        });
      });
    });
  }
  // One download at a time: a second call while one runs shares it.
  var downloading = null;
  function download() {
    if (!downloading) {
      downloading = downloadOnce();
      var done = function () { downloading = null; };
      downloading.then(done, done);
    }
    return downloading;
  }
  function downloadOnce() {
    function round(cursor) {
      return request("GET", "changes?limit=500&cursor=" + encodeURIComponent(cursor || "")).then(function (page) {
        return checkOwner(page.me).then(function () { return applyPage(page); }).then(function () {
          return page.more ? round(page.cursor) : page;
        });
      });
    }
    return meta("cursor").then(function (cursor) {
      return round(cursor).catch(function (e) {
        if (e.status === 400 && e.body && e.body.code === "bad_cursor") return meta("cursor", "").then(function () { return round(""); });
        throw e;
      });
    }).then(function (last) {
      // A download is a successful sync too: the bar's "last sync" is the last time the
      // phone and the server agreed, whether or not anything was waiting to send.
      return tx(["meta"], "readwrite", function (m) {
        m.put(last.server_time || new Date().toISOString(), "last_download");
        m.put(new Date().toISOString(), "last_sync");
      });
    }).then(function () {
      return request("GET", "progress").then(function (p) { return meta("progress", p); }, function () {});
    }).then(changed);
  }
  // Another person logged in on this phone: drop the previous person's households.
  function checkOwner(me) {
    if (!me) return Promise.resolve();
    return meta("me").then(function (old) {
      if (old && old.id !== me.id) {
        return tx(["meta", "households", "sent"], "readwrite", function (m, h, s) {
          h.clear(); s.clear(); m.delete("cursor"); m.delete("progress");
        });
      }
    });
  }

  // The outbox.
  function enqueue(kind, data, clientId) {
    return meta("me").then(function (me) {
      return tx(["outbox"], "readwrite", function (o) {
        var id = clientId || uuid();
        return promised(o.get(id)).then(function (old) {
          var item = {
            client_id: id, kind: kind, data: data, owner: me ? me.id : null,
            made_at: old && old.made_at ? old.made_at : new Date().toISOString(),
            seq: old && old.seq ? old.seq : Date.now(), status: "waiting"
          };
          o.put(item);
          return item;
        });
      });
    }).then(function (item) { changed(); backgroundSync(); return item; });
  }
  function outbox() {
    return all("outbox").then(function (items) { return items.sort(function (a, b) { return a.seq - b.seq; }); });
  }
  function discard(clientId) {
    return tx(["outbox"], "readwrite", function (o) { o.delete(clientId); }).then(changed);
  }
  function retry(clientId) {
    return tx(["outbox"], "readwrite", function (o) {
      return promised(o.get(clientId)).then(function (item) {
        if (item && item.data) { item.status = "waiting"; delete item.code; delete item.message; delete item.errors; o.put(item); }
      });
    }).then(changed);
  }
  function applyResults(results) {
    var refused = 0;
    return tx(["outbox", "sent"], "readwrite", function (o, s) {
      return Promise.all(results.map(function (r) {
        return promised(o.get(r.client_id)).then(function (item) {
          if (!item) return;
          if (r.status === "created" || r.status === "duplicate") {
            o.delete(r.client_id);
            s.put({ client_id: r.client_id, kind: item.kind, data: item.data, object: r.object || null, at: new Date().toISOString() });
          } else {
            refused++;
            item.status = "refused"; item.result = r.status; item.code = r.code || r.status;
            item.message = r.message || ""; item.errors = r.errors || null;
            o.put(item);
          }
        });
      }));
    }).then(function () { return refused; });
  }
  // Send what waits, in order, in batches; with back-off after a failure (unless forced).
  // A forced send asked for while one is in flight (say, one that began just before the
  // connection came back) runs again after it, so "online" and "Send now" are never lost.
  function send(force) {
    if (sending) {
      if (!force) return sending;
      var again = function () { return send(true); };
      return sending.then(again, again);
    }
    sending = locked(function () { return sendLocked(force); });
    var done = function () { sending = null; changed(); };
    sending.then(done, done);
    return sending;
  }
  // The page and the service worker (Background Sync) never send at the same time.
  function locked(fn) {
    var locks = g.navigator && g.navigator.locks;
    return locks ? locks.request("field-outbox", fn) : fn();
  }
  function sendLocked(force) {
    return Promise.all([outbox(), meta("me"), meta("device"), meta("retry"), meta("limits")]).then(function (v) {
      var me = v[1], retryState = v[3] || { n: 0, at: 0 }, size = Math.min(BATCH, (v[4] && v[4].max_items) || BATCH);
      var items = v[0].filter(function (i) { return i.status === "waiting" && i.data && (!me || i.owner == null || i.owner === me.id); });
      if (!items.length) return { sent: 0, refused: 0 };
      // Offline: nothing is tried, so no back-off is set; "online" sends at once.
      if (g.navigator && g.navigator.onLine === false) return { sent: 0, refused: 0, offline: true };
      if (!force && Date.now() < retryState.at) return { sent: 0, refused: 0, later: true };
      var device = v[2] || uuid(), sent = 0, refused = 0;
      function next(i) {
        if (i >= items.length) return Promise.resolve();
        var chunk = items.slice(i, i + size).map(function (it) {
          return { client_id: it.client_id, kind: it.kind, made_at: it.made_at, data: it.data };
        });
        return request("POST", "batch", { device_id: device, items: chunk }).then(function (answer) {
          return applyResults(answer.results || []);
        }).then(function (n) { refused += n; sent += chunk.length - n; return next(i + size); });
      }
      return meta("device", device).then(function () { return next(0); }).then(function () {
        return tx(["meta"], "readwrite", function (m) { m.put({ n: 0, at: 0 }, "retry"); m.put(new Date().toISOString(), "last_sync"); });
      }).then(function () { return { sent: sent, refused: refused }; }, function (e) {
        var n = Math.min(retryState.n + 1, 6);
        return meta("retry", { n: n, at: Date.now() + RETRY * Math.pow(2, n - 1) }).then(function () {
          e.sent = sent; throw e;
        });
      });
    });
  }
  // Send, then download what changed (including what was just accepted).
  function sync(force) {
    return send(force).then(function (r) {
      if (r && r.offline) return r;
      return download().then(function () { return r; });
    });
  }
  // When the next try after a failure is due (ms from now), or null when none is.
  function retryIn() {
    return meta("retry").then(function (r) { return r && r.n ? Math.max(0, r.at - Date.now()) : null; });
  }
  function backgroundSync() {
    if (g.document && g.navigator.serviceWorker) {
      g.navigator.serviceWorker.ready.then(function (reg) {
        if (reg.sync) return reg.sync.register("field-outbox");
      }).catch(function () {});
    }
  }
  // Logout with nothing waiting: no personal data stays on the phone.
  function wipe() {
    return open().then(function (db) {
      db.close(); dbPromise = null;
      return promised(indexedDB.deleteDatabase(NAME)).catch(function () {});
    });
  }

  g.FieldDB = {
    open: open, tx: tx, all: all, get: get, meta: meta, fold: fold, uuid: uuid,
    download: download, enqueue: enqueue, outbox: outbox, discard: discard, retry: retry,
    send: send, sync: sync, retryIn: retryIn, wipe: wipe,
    onchange: function (fn) { listeners.push(fn); }
  };
})(self);
