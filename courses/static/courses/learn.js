// Learner progress kept on this device (no account): ticked steps, finished
// lessons, the last lesson opened. Plus instant self-check feedback.
(function () {
  var KEY = "learn";
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; } }
  function save(d) { try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) {} }
  function show(el) { if (el) el.hidden = false; }
  var data = load();
  data.lessons = data.lessons || {};
  var doc = document;

  var lesson = doc.querySelector("[data-lesson]");
  if (lesson) {
    var url = lesson.dataset.lesson;
    var rec = data.lessons[url] = data.lessons[url] || { s: [] };
    rec.t = lesson.dataset.lessonTitle;
    rec.n = doc.querySelectorAll("[data-step]").length;
    data.last = url;
    save(data);
    doc.querySelectorAll("[data-step-wrap],[data-finish-wrap]").forEach(show);
    doc.querySelectorAll("[data-step]").forEach(function (box) {
      var n = Number(box.dataset.step);
      box.checked = rec.s.indexOf(n) >= 0;
      box.addEventListener("change", function () {
        rec.s = rec.s.filter(function (x) { return x !== n; });
        if (box.checked) rec.s.push(n);
        save(data);
      });
    });
    var finish = doc.querySelector("[data-finish]");
    if (finish) {
      var mark = function () { finish.setAttribute("aria-pressed", String(!!rec.d)); };
      mark();
      finish.addEventListener("click", function () { rec.d = !rec.d; save(data); mark(); });
    }
  }

  var form = doc.querySelector("[data-self-check]");
  if (form) {
    form.addEventListener("change", function (e) {
      var radio = e.target;
      if (radio.type !== "radio") return;
      var set = radio.closest("fieldset");
      set.querySelectorAll(".answer").forEach(function (a) {
        var chosen = a.contains(radio);
        a.classList.remove("is-right", "is-wrong");
        if (chosen) a.classList.add(a.dataset.correct === "1" ? "is-right" : "is-wrong");
        a.querySelector("[data-explain]").hidden = !chosen;
      });
    });
  }

  var box = doc.querySelector("[data-continue]");
  var last = data.last && data.lessons[data.last];
  if (box && last && !last.d) {
    var link = box.querySelector("[data-continue-link]");
    link.href = data.last;
    link.textContent = last.t || data.last;
    var p = box.querySelector("[data-continue-progress]");
    if (p && last.n) p.textContent = last.s.length + " / " + last.n + " ✓";
    show(box);
  }

  doc.querySelectorAll("[data-lesson-url]").forEach(function (li) {
    var r = data.lessons[li.dataset.lessonUrl];
    if (r && r.d) show(li.querySelector("[data-done-badge]"));
  });
})();
