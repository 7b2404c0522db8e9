// The offline field app (issue 8). On every field page: the "N waiting to send" bar,
// "Send now", storage used, sending (on open, on `online`, every 3 minutes, Background
// Sync) and the logout guard. In the shell (/field/app/, served by the service worker
// for any /field/ page the network cannot give), it renders the screen for
// location.pathname from IndexedDB: households, search, visits, registration,
// learners, certificates, Today and the outbox. Words come from the server (#field-config).
(function () {
  "use strict";
  var DB = window.FieldDB, configEl = document.getElementById("field-config");
  if (!DB || !window.indexedDB || !configEl) return;
  var C = JSON.parse(configEl.textContent), S = C.strings;
  var root = document.getElementById("field-app"), lang = document.documentElement.lang;
  var state = null, flash = "";
  DB.onchange(function () { state = null; refreshBar(); });

  function t(key, vars) {
    return (S[key] || key).replace(/%\((\w+)\)s/g, function (m, k) { return vars && vars[k] != null ? vars[k] : ""; });
  }
  // Elements are built with text nodes only: nothing from the data is parsed as HTML.
  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v == null || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else if (k === "checked" || k === "value" || k === "selected") el[k] = v;
      else el.setAttribute(k, v === true ? "" : v);
    });
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }
  function add(el, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { add(el, c); });
    else el.appendChild(typeof child === "object" ? child : document.createTextNode(child));
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function today() { return isoDay(new Date()); }
  function showDay(s) { return s ? s.slice(8, 10) + "/" + s.slice(5, 7) + "/" + s.slice(0, 4) : ""; }
  function showTime(s) {
    if (!s) return "";
    var d = new Date(s);
    return showDay(isoDay(d)) + " " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }
  function bytes(n) {  // "0,3 MB" in German and Vietnamese, "0.3 MB" in English
    var number = function (x, digits) { try { return x.toLocaleString(lang || undefined, { maximumFractionDigits: digits }); } catch (e) { return x.toFixed(digits); } };
    return n > 1048576 ? number(n / 1048576, 1) + " MB" : number(Math.max(1, Math.round(n / 1024)), 0) + " KB";
  }

  // ---- The sync bar, sending and the logout guard (every field page) ----
  var bar = document.querySelector("[data-sync-bar]");
  function q(sel) { return bar && bar.querySelector(sel); }
  function status(text) { var s = q("[data-sync-status]"); if (s) s.textContent = text || ""; }
  function refreshBar() {
    if (!bar) return;
    Promise.all([DB.outbox(), DB.meta("last_sync")]).then(function (v) {
      var items = v[0], refused = items.filter(function (i) { return i.status !== "waiting"; }).length;
      var count = q("[data-sync-count]");
      count.textContent = items.length ? t("waiting", { n: items.length }) : t("nothing_waiting");
      if (refused) count.textContent += " · " + t("refused", { n: refused });
      count.className = "sync-count" + (refused ? " has-refused" : items.length ? " has-waiting" : "");
      count.setAttribute("data-waiting", items.length);
      q("[data-send-now]").hidden = !items.length;
      var metaText = v[1] ? t("last_sync", { when: showTime(v[1]) }) : t("never_synced");
      var show = function (extra) { q("[data-sync-meta]").textContent = metaText + (extra ? " · " + extra : ""); };
      show("");
      if (navigator.storage && navigator.storage.estimate) {
        navigator.storage.estimate().then(function (e) { show(t("storage", { used: bytes(e.usage || 0) })); }, function () {});
      }
      bar.hidden = false;
    }).catch(function () {});
  }
  // After a failed send the page tries again when the back-off is due, not only in 3 minutes.
  var retryTimer = null;
  function retryLater() {
    return DB.retryIn().then(function (ms) {
      clearTimeout(retryTimer);
      if (ms !== null) retryTimer = setTimeout(function () { if (navigator.onLine) sendNow(false); }, ms + 250);
    }, function () {});
  }
  function sendNow(force) {
    if (!navigator.onLine) { status(t("offline_now")); return Promise.resolve(); }
    status(t("sending"));
    return DB.sync(force).then(function (r) {
      status(r.refused ? t("refused", { n: r.refused }) : r.sent ? t("sent_ok") : "");
      if (root && passive()) render();
    }, function () {
      status(navigator.onLine ? t("send_failed") : t("offline_now"));
      return retryLater();
    });
  }
  if (bar) {
    q("[data-send-now]").addEventListener("click", function () { sendNow(true); });
    refreshBar();
  }
  window.addEventListener("online", function () { sendNow(true); });
  window.addEventListener("offline", function () { status(t("offline_now")); });
  setInterval(function () { if (navigator.onLine) sendNow(false); }, 180000);

  // Keep the shell (in this language) for offline use; ask for persistent storage once.
  function keepShell() {
    if (!("caches" in window) || !navigator.onLine) return Promise.resolve();
    var mark = sessionStorage.getItem("field-shell");
    if (mark === lang + ":" + C.shell) return Promise.resolve();
    return fetch(C.shell, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok || r.redirected) return;
      return caches.open("field-v1").then(function (c) { return c.put(C.shell, r); }).then(function () {
        sessionStorage.setItem("field-shell", lang + ":" + C.shell);
      });
    }).catch(function () {});
  }
  if (navigator.storage && navigator.storage.persist && !localStorage.getItem("field-persist")) {
    navigator.storage.persist().then(function (ok) { localStorage.setItem("field-persist", ok ? "1" : "0"); }, function () {});
  }
  var sw = "serviceWorker" in navigator ? navigator.serviceWorker.ready.catch(function () {}) : Promise.resolve();
  Promise.all([keepShell(), sendNow(false), sw]).then(function () {
    document.documentElement.setAttribute("data-field-ready", navigator.onLine ? "online" : "offline");
  });

  function unsentFile(items) {
    var blob = new Blob([JSON.stringify({ exported_at: new Date().toISOString(), items: items }, null, 2)], { type: "application/json" });
    return h("a", { class: "button", href: URL.createObjectURL(blob), download: "unsent-" + today() + ".json", text: t("download_unsent") });
  }
  function summary(items) {
    var n = {};
    items.forEach(function (i) { n[i.kind] = (n[i.kind] || 0) + 1; });
    return Object.keys(n).map(function (k) { return t("kind_" + k) + ": " + n[k]; }).join(", ");
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("action") !== C.logout) return;
    event.preventDefault();
    DB.outbox().then(function (items) {
      if (!items.length) return DB.wipe().then(function () { form.submit(); });
      var dialog = h("dialog", { class: "logout-guard", role: "alertdialog", "aria-labelledby": "logout-warning" },
        h("p", { id: "logout-warning", text: t("logout_warning", { n: items.length, what: summary(items) }) }),
        h("p", { class: "actions" }, unsentFile(items),
          h("button", { type: "button", class: "button", "data-logout-anyway": true, text: t("logout_anyway"), onclick: function () {
            DB.wipe().then(function () { form.submit(); });
          } }),
          h("button", { type: "button", class: "button primary", text: t("cancel"), onclick: function () { dialog.close(); dialog.remove(); } })));
      document.body.appendChild(dialog);
      dialog.showModal();
    });
  }, true);

  // The server's visit form, submitted with no connection: kept in the outbox under the
  // form's own uuid (the visit's idempotency key), so nothing typed is lost or counted twice.
  var visitForm = !root && document.getElementById("visit-form");
  var visitPath = /^\/field\/households\/(\d+)\/visit\/$/.exec(location.pathname);
  if (visitForm && visitPath) {
    visitForm.addEventListener("submit", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      var f = visitForm.elements, at = new Date(f.visited_at.value);
      var picked = function (name) { return Array.prototype.filter.call(visitForm.querySelectorAll("[name=" + name + "]"), function (i) { return i.checked; }); };
      DB.meta("services").then(function (services) {
        var codes = {};
        (services || []).forEach(function (s) { codes[s.name] = s.code; });
        var sat = picked("satisfaction")[0];
        return DB.enqueue("visit", {
          household_id: Number(visitPath[1]), visited_at: isNaN(at) ? null : at.toISOString(),
          duration_minutes: Number(f.duration_minutes.value) || null, outcome: (picked("outcome")[0] || {}).value || "done",
          follow_up_on: f.follow_up_on.value || null, notes: f.notes.value,
          skill_ids: picked("skills").map(function (i) { return Number(i.value); }),
          service_codes: picked("services").map(function (i) { return codes[i.parentNode.textContent.trim()]; }).filter(Boolean),
          satisfaction: sat ? Number(sat.value) : null, team_id: f.team ? Number(f.team.value) || null : null,
          volunteer_ids: picked("volunteers").map(function (i) { return Number(i.value); })
        }, f.uuid.value);
      }).then(function () { location.href = "/field/app/households/" + visitPath[1] + "/"; });
    });
  }

  if (!root) return;

  // ---- The shell: screens rendered from IndexedDB ----
  function load() {
    if (state) return Promise.resolve(state);
    var keys = ["teams", "areas", "skills", "services", "members", "me", "progress", "last_sync"];
    return Promise.all([DB.all("households"), DB.outbox(), DB.all("sent")].concat(keys.map(function (k) { return DB.meta(k); })))
      .then(function (v) {
        var d = { households: v[0], outbox: v[1], sent: v[2] };
        keys.forEach(function (k, i) { d[k] = v[3 + i] || (k === "me" || k === "progress" || k === "last_sync" ? null : []); });
        state = build(d);
        return state;
      });
  }
  function byKey(list, key) { var m = {}; list.forEach(function (x) { m[x[key]] = x; }); return m; }
  function build(d) {
    var houses = {}, list = [], learnerHouse = {}, areas = byKey(d.areas, "id"), teams = byKey(d.teams, "id");
    function place(x) {
      x.pendingVisits = []; x.pendingCerts = []; x.sentCerts = [];
      x.area = areas[x.area_id]; x.team = teams[x.team_id];
      houses[x.key] = x; list.push(x);
    }
    d.households.forEach(function (row) { place(Object.assign({ key: String(row.id), server_last_visit: row.last_visit }, row)); });
    d.outbox.forEach(function (item) {
      if (item.kind !== "household" || !item.data) return;
      var x = Object.assign({ key: item.client_id, local: true, code: "", learners: [], last_visit: null, follow_up_on: null, item: item }, item.data);
      place(x);
      x.search = DB.fold([x.head_name, x.address, x.area && x.area.name].join(" "));
    });
    list.forEach(function (x) { (x.learners || []).forEach(function (l) { learnerHouse[String(l.id)] = x.key; }); });
    function parent(data, name) { return data[name + "_id"] != null ? String(data[name + "_id"]) : data[name + "_client_id"]; }
    d.outbox.forEach(function (item) {
      var x = item.data && item.kind === "learner" && houses[parent(item.data, "household")];
      if (!x) return;
      x.learners = x.learners.concat([Object.assign({ key: item.client_id, certified_skill_ids: [], item: item }, item.data)]);
      learnerHouse[item.client_id] = x.key;
    });
    d.outbox.forEach(function (item) {
      if (!item.data) return;
      if (item.kind === "visit") {
        var x = houses[parent(item.data, "household")];
        if (!x) return;
        x.pendingVisits.push(item);
        if (!x.last_visit || item.data.visited_at > x.last_visit.visited_at) {
          x.last_visit = { visited_at: item.data.visited_at, skill_ids: item.data.skill_ids, outcome: item.data.outcome };
          x.follow_up_on = item.data.follow_up_on;
        }
      } else if (item.kind === "certification") {
        var y = houses[learnerHouse[parent(item.data, "learner")]];
        if (y) y.pendingCerts.push(item);
      }
    });
    d.sent.forEach(function (s) {
      var x = s.kind === "certification" && s.data && houses[learnerHouse[parent(s.data, "learner")]];
      if (x) x.sentCerts.push(s);
    });
    var now = today();
    list.forEach(function (x) {
      x.urgency = x.follow_up_on && x.follow_up_on <= now ? 0 : !x.last_visit ? 1 : x.follow_up_on ? 2 : 3;
    });
    list.sort(function (a, b) {
      return a.urgency - b.urgency || String(a.follow_up_on || "").localeCompare(String(b.follow_up_on || "")) || String(a.code).localeCompare(String(b.code));
    });
    d.list = list; d.houses = houses; d.areaById = areas; d.teamById = teams; d.skillById = byKey(d.skills, "id");
    d.learnerHouse = learnerHouse;
    return d;
  }
  function base(x) { return x.local ? "/field/app/households/" + x.key + "/" : "/field/households/" + x.key + "/"; }
  function title(x) { return x.head_name || x.code || t("pending_household"); }

  function normal(path) { return path.indexOf("/field/app/") === 0 ? "/field/" + path.slice(11) : path; }
  var ROUTES = [
    [/^\/field\/$/, home],
    [/^\/field\/today\/$/, todayScreen],
    [/^\/field\/outbox\/$/, outboxScreen],
    [/^\/field\/households\/new\/$/, registerScreen],
    [/^\/field\/households\/([\w-]+)\/$/, householdScreen],
    [/^\/field\/households\/([\w-]+)\/visit\/$/, visitScreen],
    [/^\/field\/households\/([\w-]+)\/learners\/new\/$/, learnerScreen],
    [/^\/field\/households\/([\w-]+)\/certify\/$/, certifyScreen],
    [/^\/field\/h\/([^/]+)\/$/, byCode]
  ];
  function match(path) {
    path = normal(path);
    for (var i = 0; i < ROUTES.length; i++) {
      var m = ROUTES[i][0].exec(path);
      if (m) return { fn: ROUTES[i][1], arg: m[1] };
    }
    return null;
  }
  // Screens that may be redrawn when new data arrives (never a form being typed).
  function passive() {
    var found = match(location.pathname);
    return !found || [home, todayScreen, outboxScreen, householdScreen].indexOf(found.fn) !== -1;
  }
  function render() {
    var found = match(location.pathname), params = new URLSearchParams(location.search);
    return load().then(function (d) {
      var view = found ? found.fn(d, found.arg, params) : notSaved();
      if (!view) return;
      var message = flash && h("p", { class: "message message-success", role: "status", text: flash });
      flash = "";
      root.replaceChildren(message || "", view);
      var h1 = root.querySelector("h1");
      if (h1) document.title = h1.textContent;
    });
  }
  function go(url, replace) {
    history[replace ? "replaceState" : "pushState"](null, "", url);
    window.scrollTo(0, 0);
    return render();
  }
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href]");
    if (!a || a.target || a.hasAttribute("download") || event.ctrlKey || event.metaKey) return;
    var u = new URL(a.href, location.href);
    if (u.origin !== location.origin || !match(u.pathname)) return;
    event.preventDefault();
    go(u.pathname + u.search);
  });
  window.addEventListener("popstate", render);

  function notSaved() {
    return h("section", null, h("h1", { text: t("not_on_phone") }), h("p", null, h("a", { href: "/field/", text: t("my_households") })));
  }
  function crumbs(href, text) { return h("p", { class: "crumbs" }, h("a", { href: href, text: "← " + text })); }
  function badge(text, kind) { return h("span", { class: "badge" + (kind ? " " + kind : ""), text: text }); }

  function householdCard(x) {
    var tags = [];
    if (x.urgency === 0) tags.push(badge(t("follow_up_due") + " " + showDay(x.follow_up_on).slice(0, 5), "warn"));
    tags.push(x.last_visit ? badge(t("last_visit") + " " + showDay(isoDay(new Date(x.last_visit.visited_at)))) : badge(t("never_visited"), "warn"));
    if (x.urgency === 2) tags.push(badge(t("follow_up") + " " + showDay(x.follow_up_on).slice(0, 5)));
    if (x.local) tags.push(badge(t("pending_household")));
    if (x.pendingVisits.length) tags.push(badge(t("status_waiting"), "warn"));
    return h("li", { class: "card household urgency-" + x.urgency },
      h("a", { class: "stretch", href: base(x) }, h("strong", { text: title(x) }), h("span", { class: "code", text: x.code })),
      h("div", { class: "meta", text: [x.area && x.area.name, x.address].filter(Boolean).join(" · ") }),
      h("div", { class: "tags" }, tags));
  }
  function home(d, arg, params) {
    var list = h("ul", { class: "cards households" }), count = h("span", { class: "muted" });
    var input = h("input", { id: "q", name: "q", type: "search", autocomplete: "off", value: params.get("q") || "" });
    function show() {
      var words = DB.fold(input.value).split(" ").filter(Boolean).slice(0, 6);
      var found = d.list.filter(function (x) {
        return words.every(function (w) { return String(x.search || "").indexOf(w) !== -1; });
      });
      count.textContent = found.length;
      list.replaceChildren.apply(list, found.slice(0, 100).map(householdCard));
      if (!found.length) list.appendChild(h("li", { class: "card", text: d.households.length || d.outbox.length ? t("no_match") : t("no_data") }));
    }
    input.addEventListener("input", function () {
      history.replaceState(null, "", location.pathname + (input.value ? "?q=" + encodeURIComponent(input.value) : ""));
      show();
    });
    var view = h("section", null,
      h("h1", { text: t("my_households") }),
      h("p", { class: "actions" }, h("a", { class: "button", href: "/field/today/", text: t("today") }), codeOpener(d)),
      h("form", { class: "form search", role: "search", onsubmit: function (e) { e.preventDefault(); show(); } },
        h("label", { for: "q", text: t("search_label") }),
        h("div", { class: "search-row" }, input, h("button", { type: "submit", class: "button primary", text: t("search") }))),
      h("div", { class: "list-head" }, count, d.teams.length ? h("a", { class: "button", href: "/field/households/new/", text: "+ " + t("register") }) : null),
      list);
    show();
    return view;
  }

  // Open a household by its card code: the camera where BarcodeDetector exists, typing otherwise.
  function openCode(d, raw) {
    var m = /\/field\/h\/([^/?#]+)/.exec(raw), code = (m ? decodeURIComponent(m[1]) : raw).trim().toUpperCase();
    var x = d.list.filter(function (y) { return y.code && y.code.toUpperCase() === code; })[0];
    return x ? go(base(x)) : null;
  }
  function codeOpener(d) {
    var input = h("input", { id: "card-code", name: "code", autocomplete: "off", autocapitalize: "characters" });
    var note = h("p", { class: "errorlist", role: "alert" }), video = h("video", { class: "scanner", hidden: true, playsinline: true, muted: true });
    function open(raw) { if (!openCode(d, raw)) note.textContent = t("code_unknown"); }
    var scan = "BarcodeDetector" in window && navigator.mediaDevices && h("button", { type: "button", class: "button", text: t("scan"), onclick: function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream; video.hidden = false; video.play();
        var stop = function () { stream.getTracks().forEach(function (tr) { tr.stop(); }); video.hidden = true; };
        (function look() {
          if (!video.isConnected) return stop();
          detector.detect(video).then(function (codes) {
            if (codes.length) { stop(); open(codes[0].rawValue); } else setTimeout(look, 300);
          }, function () { setTimeout(look, 500); });
        })();
      }, function () { input.focus(); });
    } });
    return h("details", { class: "code-open" }, h("summary", { text: t("open_by_code") }),
      h("form", { class: "form", onsubmit: function (e) { e.preventDefault(); open(input.value); } },
        h("label", { for: "card-code", text: t("card_code") }),
        h("div", { class: "search-row" }, input, h("button", { type: "submit", class: "button primary", text: t("open") })),
        scan || null, video, note));
  }
  function byCode(d, code) {
    if (!openCode(d, "/field/h/" + code + "/")) return h("section", null, h("h1", { text: code }), h("p", { text: t("code_unknown") }));
  }

  function household(d, key) {
    var x = d.houses[key];
    if (x || !/-/.test(key)) return x;
    // Registered here and accepted since: the server's household replaces it.
    var sent = d.sent.filter(function (s) { return s.client_id === key && s.object; })[0];
    if (sent && d.houses[String(sent.object.id)]) return d.houses[String(sent.object.id)];
  }
  function householdScreen(d, key) {
    var x = household(d, key);
    if (!x) return notSaved();
    if (x.key !== key) { go(base(x), true); return null; }
    var overdue = x.follow_up_on && x.follow_up_on < today();
    var learners = h("ul", { class: "cards" });
    x.learners.forEach(function (l) {
      var certs = h("ul", { class: "plain certs" });
      (l.certified_skill_ids || []).forEach(function (id) {
        var s = d.skillById[id];
        certs.appendChild(h("li", null, (s ? s.name : "#" + id) + " ", badge("✓", "ok")));
      });
      x.pendingCerts.concat(x.sentCerts).forEach(function (c) {
        var data = c.data, lk = data.learner_id != null ? String(data.learner_id) : data.learner_client_id;
        if (lk !== String(l.id != null ? l.id : l.key)) return;
        var s = d.skillById[data.skill_id], name = (s ? s.name : "") + " · " + showDay(data.certified_on) + " ";
        certs.appendChild(c.object
          ? h("li", null, h("a", { href: c.object.url, "data-server": true, text: name }), h("span", { class: "code", text: c.object.code }))
          : h("li", { "data-pending-cert": true }, name, badge(t("code_pending"), "warn")));
      });
      learners.appendChild(h("li", { class: "card" }, h("strong", { text: l.name || "—" }),
        l.birth_year ? h("span", { class: "muted", text: " (" + l.birth_year + ")" }) : null,
        l.item ? badge(t("status_waiting"), "warn") : null, certs));
    });
    if (!x.learners.length) learners.appendChild(h("li", { class: "card muted", text: t("no_learner") }));
    var visits = h("ol", { class: "cards visits" });
    x.pendingVisits.slice().reverse().forEach(function (item) { visits.appendChild(visitCard(d, item.data, item)); });
    if (x.server_last_visit) visits.appendChild(visitCard(d, x.server_last_visit, null));
    if (!visits.children.length) visits.appendChild(h("li", { class: "card muted", text: t("never_visited") }));
    return h("section", null,
      crumbs("/field/", t("my_households")),
      h("h1", { text: title(x) }),
      h("p", { class: "muted" }, h("span", { class: "code", text: x.code }), " · " + [x.area && x.area.name, x.team && x.team.name].filter(Boolean).join(" · "),
        x.local ? badge(t("pending_household"), "warn") : null),
      h("p", { class: "actions" },
        h("a", { class: "button primary big", href: base(x) + "visit/", text: t("log_visit") }),
        h("a", { class: "button", href: base(x) + "certify/", text: t("certify") })),
      h("dl", { class: "facts" },
        h("dt", { text: t("next_follow_up") }), h("dd", null, x.follow_up_on ? showDay(x.follow_up_on) : t("none"), overdue ? [" ", badge(t("overdue"), "warn")] : null),
        x.address ? [h("dt", { text: t("address") }), h("dd", { text: x.address })] : null,
        x.phone ? [h("dt", { text: t("phone") }), h("dd", null, h("a", { href: "tel:" + x.phone, text: x.phone }))] : null,
        h("dt", { text: t("people") }), h("dd", { text: x.size })),
      h("h2", { text: t("learners") }), learners,
      h("p", null, h("a", { class: "button", href: base(x) + "learners/new/", text: "+ " + t("add_learner") })),
      h("h2", { text: t("visits") }), visits);
  }
  function outcomeName(code) { var o = C.outcomes.filter(function (p) { return p[0] === code; })[0]; return o ? o[1] : code; }
  function visitCard(d, v, item) {
    return h("li", { class: "card", "data-pending-visit": item ? true : null },
      h("strong", { text: showTime(v.visited_at) }), v.duration_minutes ? " · " + v.duration_minutes + " " + t("min") : "", " · " + outcomeName(v.outcome) + " ",
      item ? badge(item.status === "waiting" ? t("status_waiting") : t("status_refused"), "warn") : null,
      v.follow_up_on ? h("div", { text: t("follow_up") + ": " + showDay(v.follow_up_on) }) : null,
      (v.skill_ids || []).length ? h("div", { class: "muted", text: v.skill_ids.map(function (id) { var s = d.skillById[id]; return s ? s.name : "#" + id; }).join(", ") }) : null);
  }

  // ---- Forms: the same fields and checks as the server's, errors next to the field ----
  function field(label, control, help) {
    var id = control.id;
    return h("div", { class: "field", "data-field": control.name }, h("label", { for: id, text: label }), control, help ? h("p", { class: "muted", text: help }) : null);
  }
  function input(name, attrs) { return h("input", Object.assign({ id: "id_" + name, name: name }, attrs || {})); }
  function choices(name, legend, options, checked, type, help) {
    return h("div", { class: "field", "data-field": name }, h("fieldset", null, h("legend", { text: legend }),
      help ? h("p", { class: "muted", text: help }) : null,
      options.map(function (o) {
        return h("label", { class: "check" }, h("input", { type: type || "checkbox", name: name, value: o[0], checked: checked.indexOf(o[0]) !== -1 }), " " + o[1]);
      })));
  }
  function flags(list, data) {
    return list.map(function (f) { return h("div", { class: "field" }, h("label", { class: "check" }, h("input", { type: "checkbox", name: f[0], checked: !!data[f[0]] }), " " + f[1])); });
  }
  function select(name, options, value) {
    return h("select", { id: "id_" + name, name: name }, options.map(function (o) { return h("option", { value: String(o[0]), selected: String(o[0]) === String(value), text: o[1] }); }));
  }
  function values(form, name) { return Array.prototype.map.call(form.querySelectorAll("[name='" + name + "']:checked"), function (i) { return i.value; }); }
  function showErrors(form, errors) {
    form.querySelectorAll(".errorlist").forEach(function (e) { e.remove(); });
    form.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
    var first = null;
    Object.keys(errors).forEach(function (name) {
      var box = form.querySelector("[data-field='" + name + "']") || form;
      box.classList.add("has-error");
      box.appendChild(h("div", { class: "errorlist", role: "alert" }, [].concat(errors[name]).map(function (m) { return h("p", { text: m }); })));
      first = first || box;
    });
    if (first) { first.scrollIntoView({ block: "center" }); var c = first.querySelector("input,select,textarea"); if (c) c.focus(); }
    return !first;
  }
  function editing(d, params, kind) {
    var id = params.get("edit"), item = id && d.outbox.filter(function (i) { return i.client_id === id && i.kind === kind; })[0];
    if (item && item.errors) setTimeout(function () { var f = root.querySelector("form.form"); if (f) showErrors(f, item.errors); });
    return item || null;
  }
  function saved(url) { flash = t("saved_on_phone"); state = null; if (navigator.onLine) sendNow(false); return go(url); }
  function int(v) { return v === "" || v == null ? null : Number(v); }
  function between(errors, name, v, lo, hi, required, message) {
    if (v == null) { if (required) errors[name] = t("required"); return; }
    if (!(Number.isInteger(v) && v >= lo && v <= hi)) errors[name] = message || t("out_of_range", { min: lo, max: hi });
  }

  function visitScreen(d, key, params) {
    var x = household(d, key);
    if (!x) return notSaved();
    var item = editing(d, params, "visit"), v = item ? item.data : {}, now = new Date();
    var when = v.visited_at ? new Date(v.visited_at) : now;
    var local = isoDay(when) + "T" + pad(when.getHours()) + ":" + pad(when.getMinutes());
    var skills = d.skills.map(function (s) { return [String(s.id), s.name]; });
    var form = h("form", { class: "form visit", id: "visit-form", novalidate: true },
      choices("outcome", t("outcome"), C.outcomes, [v.outcome || "done"], "radio"),
      field(t("follow_up_on"), input("follow_up_on", { type: "date", value: v.follow_up_on || "" })),
      h("div", { class: "two" },
        field(t("when"), input("visited_at", { type: "datetime-local", value: local })),
        field(t("duration"), input("duration_minutes", { type: "number", inputmode: "numeric", min: 1, max: 480, value: v.duration_minutes || 30 }))),
      x.last_visit && (x.last_visit.skill_ids || []).length ? h("p", null, h("button", { type: "button", class: "button", text: t("same_as_last"), onclick: function () {
        x.last_visit.skill_ids.forEach(function (id) { var c = form.querySelector("[name=skills][value='" + id + "']"); if (c) c.checked = true; });
      } })) : null,
      choices("skills", t("skills"), skills, (v.skill_ids || []).map(String), "checkbox", t("skills_help")),
      choices("services", t("services"), d.services.map(function (s) { return [s.code, s.name]; }), v.service_codes || [], "checkbox", t("services_help")),
      field(t("notes"), h("textarea", { id: "id_notes", name: "notes", rows: 3, value: v.notes || "" })),
      h("p", null, h("button", { type: "submit", class: "button primary big", text: t("save_visit") })));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var f = form.elements, errors = {}, at = f.visited_at.value ? new Date(f.visited_at.value) : null;
      var data = {
        visited_at: at && !isNaN(at) ? at.toISOString() : null,
        duration_minutes: int(f.duration_minutes.value), outcome: values(form, "outcome")[0] || "done",
        follow_up_on: f.follow_up_on.value || null, skill_ids: values(form, "skills").map(Number),
        service_codes: values(form, "services"), notes: f.notes.value.slice(0, 4000)
      };
      data[x.local ? "household_client_id" : "household_id"] = x.local ? x.key : x.id;
      if (!data.visited_at) errors.visited_at = t("required");
      else if (at - new Date() > 300000) errors.visited_at = t("in_future");
      between(errors, "duration_minutes", data.duration_minutes, 1, 480, true, t("duration_range"));
      if (data.outcome === C.follow_up_outcome && !data.follow_up_on) errors.follow_up_on = t("follow_up_needed");
      if (data.follow_up_on && at && data.follow_up_on < isoDay(at)) errors.follow_up_on = t("follow_up_before");
      if (!showErrors(form, errors)) return;
      DB.enqueue("visit", data, item && item.client_id).then(function () { saved(base(x)); });
    });
    return h("section", null, crumbs(base(x), title(x)), h("h1", { text: t("log_visit") }), form);
  }

  function registerScreen(d, arg, params) {
    var item = editing(d, params, "household"), v = item ? item.data : { consent_scope: C.consent_scope, size: 1 };
    var teamId = v.team_id || (d.teams[0] && d.teams[0].id);
    var areaBox = h("div");
    function areas(team) {
      var tm = d.teamById[team], kids = tm ? d.areas.filter(function (a) { return a.parent_id === tm.area_id; }) : [];
      // Where the team's area has villages, the volunteer picks one: never "directly in the commune".
      var options = kids.length ? [["", t("pick_village")]].concat(kids.map(function (a) { return [a.id, a.name]; }))
        : tm && d.areaById[tm.area_id] ? [[tm.area_id, d.areaById[tm.area_id].name]] : [];
      areaBox.replaceChildren(field(t("area"), select("area_id", options, v.area_id || "")));
    }
    areas(teamId);
    var teamSelect = select("team_id", d.teams.map(function (tm) { return [tm.id, tm.name]; }), teamId);
    teamSelect.addEventListener("change", function () { areas(Number(teamSelect.value)); });
    var form = h("form", { class: "form", novalidate: true },
      h("fieldset", { class: "consent" }, h("legend", { text: t("consent_first") }), h("p", { class: "muted", text: t("consent_read") }),
        field(t("consent_scope"), h("textarea", { id: "id_consent_scope", name: "consent_scope", rows: 6, value: v.consent_scope || "" })),
        field(t("consent_given_by"), input("consent_given_by", { value: v.consent_given_by || "", maxlength: 160 })),
        h("div", { class: "field", "data-field": "consent" }, h("label", { class: "check" }, h("input", { type: "checkbox", name: "consent", id: "id_consent", checked: !!v.consent }), " " + t("consent_confirmed")))),
      h("fieldset", null, h("legend", { text: t("the_household") }),
        d.teams.length > 1 ? field(t("team"), teamSelect) : null, areaBox,
        field(t("head_name"), input("head_name", { value: v.head_name || "", maxlength: 160, required: true })),
        field(t("address"), input("address", { value: v.address || "", maxlength: 255 })),
        field(t("phone"), input("phone", { value: v.phone || "", maxlength: 32, inputmode: "tel", autocomplete: "off" })),
        field(t("size"), input("size", { type: "number", inputmode: "numeric", min: C.size[0], max: C.size[1], value: v.size || 1 })),
        flags(C.household_flags, v)),
      h("p", null, h("button", { type: "submit", class: "button primary big", text: t("register_button") })));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var f = form.elements, errors = {};
      var data = {
        team_id: Number(d.teams.length > 1 ? f.team_id.value : teamId), area_id: int(f.area_id && f.area_id.value),
        head_name: f.head_name.value.trim(), address: f.address.value.trim(), phone: f.phone.value.trim(),
        size: int(f.size.value), consent: f.consent.checked,
        consent_given_by: f.consent_given_by.value.trim(), consent_scope: f.consent_scope.value.trim()
      };
      C.household_flags.forEach(function (fl) { data[fl[0]] = f[fl[0]].checked; });
      if (!data.consent || !data.consent_given_by || !data.consent_scope) errors[data.consent ? "consent_given_by" : "consent"] = t("consent_required");
      if (!data.area_id) errors.area_id = t("required");
      if (!data.head_name) errors.head_name = t("required");
      between(errors, "size", data.size, C.size[0], C.size[1], true);
      if (!showErrors(form, errors)) return;
      DB.enqueue("household", data, item && item.client_id).then(function (it) { saved("/field/app/households/" + it.client_id + "/"); });
    });
    return h("section", null, crumbs("/field/", t("my_households")), h("h1", { text: t("register") }), form);
  }

  function learnerScreen(d, key, params) {
    var x = household(d, key);
    if (!x) return notSaved();
    var item = editing(d, params, "learner"), v = item ? item.data : {};
    var form = h("form", { class: "form", novalidate: true },
      field(t("name"), input("name", { value: v.name || "", maxlength: 160, required: true })),
      field(t("birth_year"), input("birth_year", { type: "number", inputmode: "numeric", min: 1900, max: 2100, value: v.birth_year || "" })),
      flags(C.learner_flags, v),
      h("p", null, h("button", { type: "submit", class: "button primary big", text: t("save") })));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var f = form.elements, errors = {}, data = { name: f.name.value.trim(), birth_year: int(f.birth_year.value) };
      data[x.local ? "household_client_id" : "household_id"] = x.local ? x.key : x.id;
      C.learner_flags.forEach(function (fl) { data[fl[0]] = f[fl[0]].checked; });
      if (!data.name) errors.name = t("required");
      between(errors, "birth_year", data.birth_year, 1900, 2100, false);
      if (!showErrors(form, errors)) return;
      DB.enqueue("learner", data, item && item.client_id).then(function () { saved(base(x)); });
    });
    return h("section", null, crumbs(base(x), title(x)), h("h1", { text: t("add_learner") }), form);
  }

  function certifyScreen(d, key, params) {
    var x = household(d, key);
    if (!x) return notSaved();
    var item = editing(d, params, "certification"), v = item ? item.data : {};
    var head = [crumbs(base(x), title(x)), h("h1", { text: t("certify") })];
    if (!x.learners.length) {
      return h("section", null, head, h("p", null, t("add_learner_first") + " ", h("a", { href: base(x) + "learners/new/", text: t("add_learner") })));
    }
    var skills = d.skills.filter(function (s) { return (s.checklist || []).length; });
    var checklist = h("div");
    function showChecklist(id) {
      var s = d.skillById[id];
      checklist.replaceChildren(s ? choices("checklist", t("the_learner_showed"), s.checklist.map(function (c) { return [c, c]; }), v.checklist || []) : "");
    }
    var skillSelect = select("skill_id", [["", "—"]].concat(skills.map(function (s) { return [s.id, s.name]; })), v.skill_id || "");
    skillSelect.addEventListener("change", function () { showChecklist(Number(skillSelect.value)); });
    var learnerKey = function (l) { return l.id != null ? String(l.id) : l.key; };
    var current = v.learner_id != null ? String(v.learner_id) : v.learner_client_id || learnerKey(x.learners[0]);
    var form = h("form", { class: "form", novalidate: true },
      field(t("pick_skill"), skillSelect),
      choices("learner", t("learner"), x.learners.map(function (l) { return [learnerKey(l), l.name || "—"]; }), [current], "radio"),
      checklist,
      h("p", null, h("button", { type: "submit", class: "button primary big", text: t("issue") })));
    showChecklist(Number(v.skill_id));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var errors = {}, s = d.skillById[Number(skillSelect.value)], lk = values(form, "learner")[0];
      var l = x.learners.filter(function (y) { return learnerKey(y) === lk; })[0];
      var ticked = values(form, "checklist");
      if (!s) errors.skill_id = t("required");
      else if (s.checklist.some(function (c) { return ticked.indexOf(c) === -1; })) errors.checklist = t("checklist_incomplete");
      if (!l) errors.learner = t("required");
      if (!showErrors(form, errors)) return;
      var data = { skill_id: s.id, certified_on: v.certified_on || today(), checklist: ticked };
      if (l.item) data.learner_client_id = l.key; else data.learner_id = l.id;
      DB.enqueue("certification", data, item && item.client_id).then(function () { saved(base(x)); });
    });
    return h("section", null, head, form);
  }

  function todayScreen(d) {
    var now = today(), due = d.list.filter(function (x) { return x.follow_up_on && x.follow_up_on <= now; });
    due.sort(function (a, b) { return a.follow_up_on.localeCompare(b.follow_up_on); });
    var progress = h("ul", { class: "stats" });
    ((d.progress && d.progress.teams) || []).forEach(function (p) {
      var tm = d.teamById[p.team_id];
      progress.appendChild(h("li", null, h("strong", { text: p.month_target ? p.month_done + "/" + p.month_target : p.month_done }),
        (tm ? tm.name + " · " : "") + (p.month_label || ""),
        h("div", { text: p.month_target ? t("progress_of", { done: p.month_done, target: p.month_target }) : t("progress_done", { done: p.month_done }) }),
        h("div", { class: "muted", text: t("last_month", { n: p.last_month_done }) })));
    });
    var list = h("ul", { class: "cards households" }, due.map(householdCard));
    if (!due.length) list.appendChild(h("li", { class: "card muted", text: t("no_due") }));
    return h("section", null, h("h1", { text: t("today") }),
      h("h2", { text: t("due_first") }), list,
      progress.children.length ? [h("h2", { text: t("progress") }), progress] : null,
      h("p", null, h("a", { href: "/field/app/outbox/", text: d.outbox.length ? t("waiting", { n: d.outbox.length }) : t("nothing_waiting") })),
      h("p", { class: "muted", text: d.last_sync ? t("last_sync", { when: showTime(d.last_sync) }) : t("never_synced") }),
      h("p", null, h("a", { href: "/field/", text: t("my_households") })));
  }

  function describe(d, item) {
    var data = item.data || {}, x, s;
    if (item.kind === "household") return data.head_name || "";
    if (item.kind === "learner") { x = d.houses[data.household_id != null ? String(data.household_id) : data.household_client_id]; return (data.name || "") + (x ? " · " + title(x) : ""); }
    if (item.kind === "visit") { x = d.houses[data.household_id != null ? String(data.household_id) : data.household_client_id]; return (x ? title(x) : "#" + (data.household_id || "")) + " · " + showTime(data.visited_at); }
    s = d.skillById[data.skill_id];
    x = d.houses[d.learnerHouse[data.learner_id != null ? String(data.learner_id) : data.learner_client_id]];
    return (s ? s.name : "") + (x ? " · " + title(x) : "");
  }
  function editUrl(d, item) {
    var data = item.data;
    if (!data) return null;
    if (item.kind === "household") return "/field/app/households/new/?edit=" + item.client_id;
    var hk = item.kind === "certification" ? d.learnerHouse[data.learner_id != null ? String(data.learner_id) : data.learner_client_id]
      : data.household_id != null ? String(data.household_id) : data.household_client_id;
    var x = d.houses[hk];
    if (!x) return null;
    return base(x) + { visit: "visit/", learner: "learners/new/", certification: "certify/" }[item.kind] + "?edit=" + item.client_id;
  }
  function outboxScreen(d) {
    var list = h("ol", { class: "cards outbox" });
    d.outbox.forEach(function (item) {
      var refused = item.status !== "waiting", edit = refused && editUrl(d, item);
      var errors = item.errors ? Object.keys(item.errors).map(function (k) { return h("p", { text: [].concat(item.errors[k]).join(" ") }); }) : null;
      list.appendChild(h("li", { class: "card outbox-item" + (refused ? " refused" : ""), "data-outbox-item": item.client_id, "data-status": item.status },
        h("strong", { text: t("kind_" + item.kind) }), " · " + describe(d, item) + " ",
        badge(refused ? t("status_refused") : t("status_waiting"), "warn"),
        refused ? h("div", { class: "errorlist", role: "alert" }, h("p", { "data-reason": item.code, text: item.message || item.code }), errors) : null,
        h("p", { class: "actions" },
          edit ? h("a", { class: "button", href: edit, text: t("edit_resend") }) : null,
          refused && item.data ? h("button", { type: "button", class: "button", text: t("resend"), onclick: function () {
            DB.retry(item.client_id).then(function () { return sendNow(true); }).then(render);
          } }) : null,
          h("button", { type: "button", class: "button", "data-discard": true, text: t("discard"), onclick: function () {
            if (window.confirm(t("discard_confirm"))) DB.discard(item.client_id).then(render);
          } }))));
    });
    if (!d.outbox.length) list.appendChild(h("li", { class: "card muted", text: t("outbox_empty") }));
    return h("section", null, crumbs("/field/", t("my_households")), h("h1", { text: t("outbox") }),
      h("p", { class: "actions" }, d.outbox.length ? unsentFile(d.outbox) : null), list);
  }

  render();
})();
