// Learner progress kept on this device (no account): ticked steps, finished
// lessons, the last lesson opened per language. Plus the self-check, graded
// here when JavaScript runs (so it works offline) and by the server without it.
(function () {
  var KEY = "learn", doc = document, lang = doc.documentElement.lang;
  function load() { try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; } }
  function save(d) { try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) {} }
  function show(el, on) { if (el) el.hidden = on === false; }
  function $(sel, root) { return (root || doc).querySelector(sel); }
  function all(sel, root) { return (root || doc).querySelectorAll(sel); }
  var data = load();
  data.lessons = data.lessons || {};
  data.lastBy = data.lastBy || {};

  var lesson = $("[data-lesson]");
  if (lesson) {
    var url = lesson.dataset.lesson;
    var rec = data.lessons[url] = data.lessons[url] || { s: [] };
    var next = $("[data-next-lesson] a");
    rec.t = lesson.dataset.lessonTitle;
    rec.n = all("[data-step]").length;
    rec.x = next ? [next.getAttribute("href"), next.textContent] : null;
    data.lastBy[lang] = url;
    save(data);
    all("[data-step-wrap],[data-finish-wrap]").forEach(show);
    all("[data-step]").forEach(function (box) {
      var n = Number(box.dataset.step);
      box.checked = rec.s.indexOf(n) >= 0;
      box.addEventListener("change", function () {
        rec.s = rec.s.filter(function (x) { return x !== n; });
        if (box.checked) rec.s.push(n);
        save(data);
      });
    });
    var finish = $("[data-finish]"), nextBox = $("[data-next-lesson]");
    if (finish) {
      var mark = function () {
        finish.setAttribute("aria-pressed", String(!!rec.d));
        if (nextBox) nextBox.classList.toggle("is-ready", !!rec.d);
      };
      mark();
      finish.addEventListener("click", function () {
        rec.d = !rec.d; save(data); mark();
        if (rec.d && next) next.focus();
      });
    }
  }

  function grade(set, showBlank) {
    var radio = $("input:checked", set), right = false;
    all(".answer", set).forEach(function (a) {
      var chosen = radio && a.contains(radio), ok = a.dataset.correct === "1";
      a.classList.toggle("is-right", !!chosen && ok);
      a.classList.toggle("is-wrong", !!chosen && !ok);
      $("[data-explain]", a).hidden = !chosen;
      if (chosen) right = ok;
    });
    show($("[data-right]", set), !!radio && !right);
    show($("[data-blank]", set), !radio && showBlank);
    set.classList.toggle("is-blank", !radio && showBlank);
    return radio ? (right ? 1 : 0) : -1;
  }
  var form = $("[data-self-check]");
  if (form) {
    form.addEventListener("change", function (e) {
      if (e.target.type === "radio") grade(e.target.closest("fieldset"), false);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var correct = 0, blank = [], sets = all("fieldset[data-question]", form), d = form.dataset;
      sets.forEach(function (set) {
        var r = grade(set, true);
        if (r > 0) correct++;
        if (r < 0) blank.push(set.dataset.question);
      });
      var box = $("[data-score]"), p = doc.createElement("p");
      p.className = "score";
      p.textContent = d.scoreText.replace("{correct}", correct).replace("{total}", sets.length);
      box.replaceChildren(p);
      if (blank.length) {
        var b = doc.createElement("p");
        b.className = "blank-note";
        b.textContent = (blank.length > 1 ? d.blankMany : d.blankOne).replace("{numbers}", blank.join(", "));
        box.appendChild(b);
      }
    });
  }

  var box = $("[data-continue]"), lastUrl = data.lastBy[lang], last = lastUrl && data.lessons[lastUrl];
  if (box && last) {
    var link = $("[data-continue-link]", box), p = $("[data-continue-progress]", box);
    if (last.d && last.x) {
      link.href = last.x[0]; link.textContent = last.x[1];
    } else if (!last.d) {
      var step = 1;
      while (last.s.indexOf(step) >= 0) step++;
      link.href = lastUrl + (last.s.length && step <= last.n ? "#step-" + step : "");
      link.textContent = last.t || lastUrl;
      if (p && last.n) p.textContent = last.s.length + " / " + last.n + " ✓";
    }
    if (!last.d || last.x) show(box);
  }

  all("[data-lesson-url]").forEach(function (li) {
    var r = data.lessons[li.dataset.lessonUrl];
    if (r && r.d) show($("[data-done-badge]", li));
  });
})();
