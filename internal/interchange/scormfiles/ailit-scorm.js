/* ailit SCORM 1.2 runtime for exported courses. EUPL-1.2.
   Finds the LMS's API object in a parent window (or the opener), reports a lesson as completed
   on load and a quiz with its score when it is submitted. Grading follows ailit's rules
   (docs/course-format.md section 4); the keys are in quiz-*.js, so this is for training, not exams.
   No external requests, no inline script. */
(function () {
  "use strict";

  function findAPI(win) {
    for (var i = 0; win && i < 10; i++) {
      try {
        if (win.API) { return win.API; }
      } catch (e) { return null; }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  var api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  var finished = false;

  function lms(fn, a, b) {
    if (!api || typeof api[fn] !== "function") { return ""; }
    try { return b === undefined ? api[fn](a) : api[fn](a, b); } catch (e) { return ""; }
  }

  function finish() {
    if (finished) { return; }
    finished = true;
    lms("LMSCommit", "");
    lms("LMSFinish", "");
  }

  var text = {
    de: { score: "Ergebnis", passed: "bestanden", failed: "nicht bestanden", need: "Zum Bestehen nötig",
          correct: "richtig", partial: "teilweise richtig", wrong: "falsch", kept: "Gespeichert bleibt Ihr bestandenes Ergebnis", noLMS: "Hinweis: Keine Lernplattform gefunden, das Ergebnis wird nicht gespeichert." },
    en: { score: "Score", passed: "passed", failed: "not passed", need: "Needed to pass",
          correct: "correct", partial: "partly correct", wrong: "wrong", kept: "Your passed result stays recorded", noLMS: "Note: no learning platform found, the result is not saved." }
  };

  function norm(s, caseSensitive) {
    s = String(s || "").replace(/\s+/g, " ").trim();
    if (s.normalize) { s = s.normalize("NFC"); }
    return caseSensitive ? s : s.toLowerCase();
  }

  function values(form, name) {
    var out = [];
    var els = form.elements;
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.name !== name) { continue; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { continue; }
      if (el.value !== "") { out.push(el.value); }
    }
    return out;
  }

  // grade returns the share of the points of one question, 0 … 1.
  function grade(form, q) {
    var v, i, right = 0, wrong = 0;
    switch (q.type) {
      case "single":
      case "truefalse":
        v = values(form, q.field);
        return v.length === 1 && v[0] === q.correct[0] ? 1 : 0;
      case "multiple":
        v = values(form, q.field);
        for (i = 0; i < v.length; i++) {
          if (q.correct.indexOf(v[i]) >= 0) { right++; } else { wrong++; }
        }
        return Math.max(0, (right - wrong) / q.correct.length);
      case "order":
      case "match":
        for (i = 0; i < q.parts.length; i++) {
          v = values(form, q.parts[i].field);
          if (v.length === 1 && v[0] === q.parts[i].answer) { right++; }
        }
        return right / q.parts.length;
      case "numeric":
        v = values(form, q.field);
        if (v.length !== 1) { return 0; }
        var n = parseFloat(v[0].replace(",", ".").replace(/\s/g, ""));
        return !isNaN(n) && Math.abs(n - q.value) <= q.tolerance + 1e-9 ? 1 : 0;
      case "text":
        v = values(form, q.field);
        if (v.length !== 1) { return 0; }
        for (i = 0; i < q.accept.length; i++) {
          if (norm(v[0], q.caseSensitive) === norm(q.accept[i], q.caseSensitive)) { return 1; }
        }
        return 0;
    }
    return 0;
  }

  // drawn hides all but quiz.draw questions, picked at random once per page load.
  function drawn(form, quiz) {
    var fieldsets = form.querySelectorAll("fieldset[data-question]");
    var ids = [];
    for (var i = 0; i < fieldsets.length; i++) { ids.push(fieldsets[i].getAttribute("data-question")); }
    if (quiz.draw > 0 && quiz.draw < ids.length) {
      for (var j = ids.length - 1; j > 0; j--) {
        var k = Math.floor(Math.random() * (j + 1));
        var t = ids[j]; ids[j] = ids[k]; ids[k] = t;
      }
      ids = ids.slice(0, quiz.draw);
      for (var m = 0; m < fieldsets.length; m++) {
        if (ids.indexOf(fieldsets[m].getAttribute("data-question")) < 0) {
          fieldsets[m].hidden = true;
          fieldsets[m].disabled = true;
        }
      }
    }
    return ids;
  }

  function start() {
    var lang = document.documentElement.lang === "en" ? "en" : "de";
    var t = text[lang];
    lms("LMSInitialize", "");
    var form = document.getElementById("ailit-quiz");
    var quiz = window.ailitQuiz;
    var status = lms("LMSGetValue", "cmi.core.lesson_status");
    if (!form || !quiz) {
      lms("LMSSetValue", "cmi.core.lesson_status", "completed");
      lms("LMSCommit", "");
      return;
    }
    if (status === "" || status === "not attempted") {
      lms("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    // A pass stays a pass: a later, worse attempt does not lower what the LMS has recorded.
    var wasPassed = status === "passed";
    var best = wasPassed ? parseFloat(lms("LMSGetValue", "cmi.core.score.raw")) : NaN;
    var shown = drawn(form, quiz);
    var result = document.getElementById("quiz-result");
    if (!api && result) { result.textContent = t.noLMS; }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var got = 0, max = 0;
      for (var i = 0; i < quiz.questions.length; i++) {
        var q = quiz.questions[i];
        if (shown.indexOf(q.id) < 0) { continue; }
        var share = grade(form, q);
        got += share * q.points;
        max += q.points;
        var mark = document.getElementById("result-" + q.id);
        if (mark) {
          mark.textContent = share >= 1 - 1e-9 ? t.correct : share > 1e-9 ? t.partial : t.wrong;
          mark.hidden = false;
        }
      }
      var percent = max > 0 ? Math.floor(got / max * 1000) / 10 : 0;
      var passed = max > 0 && got / max * 100 >= quiz.pass - 1e-9;
      var kept = wasPassed && (!passed || (!isNaN(best) && best > Math.round(percent)));
      if (!kept) {
        lms("LMSSetValue", "cmi.core.score.min", "0");
        lms("LMSSetValue", "cmi.core.score.max", "100");
        lms("LMSSetValue", "cmi.core.score.raw", String(Math.round(percent)));
        lms("LMSSetValue", "cmi.core.lesson_status", passed ? "passed" : "failed");
        lms("LMSCommit", "");
        if (passed) { wasPassed = true; best = Math.round(percent); }
      }
      result.textContent = t.score + ": " + String(percent).replace(".", lang === "de" ? "," : ".") + " % – " +
        (passed ? t.passed : t.failed) + " (" + t.need + ": " + quiz.pass + " %)" + (kept ? " " + t.kept + (isNaN(best) ? "" : ": " + best + " %") + "." : "");
      result.focus();
    });
  }

  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
