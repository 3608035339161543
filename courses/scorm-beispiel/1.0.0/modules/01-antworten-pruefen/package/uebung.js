// KI-Antworten prüfen: a small SCORM 1.2 SCO of the ailit project.
// Licence: EUPL-1.2 (this script), CC BY-SA 4.0 (the texts). Source: this folder; see README.md.
// It finds the LMS's API, resumes from cmi.core.lesson_location and cmi.suspend_data, stores
// each answer as it goes, reports the score and passed/failed, and calls LMSFinish at the end.
(function () {
  "use strict";

  var faelle = [
    {
      text: "Fall 1: Ein KI-Assistent schreibt in einen Entwurf: „Gegen den Bescheid können Sie innerhalb von zwei Wochen Widerspruch einlegen.“ Was tun Sie?",
      optionen: [
        "Ich übernehme den Satz, der Assistent kennt die Regeln.",
        "Ich prüfe die Frist im Gesetz und in der Rechtsbehelfsbelehrung meiner Behörde.",
        "Ich frage den Assistenten noch einmal, ob er sicher ist."
      ],
      richtig: 1,
      warum: "Fristen stehen im Gesetz. Für den Widerspruch gilt meist ein Monat (§ 70 Verwaltungsgerichtsordnung). Eine zweite Frage an die KI ersetzt keine Prüfung an der Quelle."
    },
    {
      text: "Fall 2: Sie möchten eine lange Beschwerde zusammenfassen lassen. Sie enthält Name, Adresse und Angaben zur Gesundheit. Was tun Sie?",
      optionen: [
        "Ich kopiere sie in einen frei verfügbaren Online-Assistenten.",
        "Ich lösche nur den Namen und lasse den Rest stehen.",
        "Ich nutze nur einen Assistenten, den meine Behörde freigegeben hat, und gebe nur die nötigen Daten ein."
      ],
      richtig: 2,
      warum: "Gesundheitsdaten sind besonders geschützt. Nur ein freigegebener Assistent und so wenig Daten wie nötig schützen die Person."
    },
    {
      text: "Fall 3: In einer Vorlage steht: „Laut einer Studie nutzen 87 % der Kommunen bereits KI.“ Eine Quelle nennt der Assistent nicht. Was tun Sie?",
      optionen: [
        "Ich suche eine belastbare Quelle oder streiche die Zahl.",
        "Ich lasse die Zahl stehen, sie klingt glaubwürdig.",
        "Ich schreibe „laut KI“ hinter die Zahl."
      ],
      richtig: 0,
      warum: "Zahlen ohne Quelle sind oft erfunden. Eine Vorlage für die Leitung braucht einen Beleg."
    }
  ];

  var api = findAPI(window);
  var start = new Date();
  var stand = { fall: 0, antworten: [] };
  var el = function (id) { return document.getElementById(id); };

  // findAPI walks up the frames (and then the opener) as the SCORM 1.2 RTE describes. A parent
  // of another origin throws on access; then the search stops there.
  function findAPI(win) {
    for (var i = 0; win && i < 10; i++) {
      try {
        if (win.API) { return win.API; }
      } catch (e) { break; }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    try {
      if (window.opener && window.opener.API) { return window.opener.API; }
    } catch (e) { /* another origin */ }
    return null;
  }

  function lms(method) {
    if (!api) { return ""; }
    return api[method].apply(api, Array.prototype.slice.call(arguments, 1));
  }

  function speichern() {
    lms("LMSSetValue", "cmi.core.lesson_location", String(stand.fall));
    lms("LMSSetValue", "cmi.suspend_data", stand.antworten.join(","));
    lms("LMSCommit", "");
  }

  function zeigeFall() {
    var f = faelle[stand.fall];
    el("fortschritt").textContent = "Fall " + (stand.fall + 1) + " von " + faelle.length;
    el("fall-text").textContent = f.text;
    var optionen = el("optionen");
    optionen.textContent = "";
    f.optionen.forEach(function (o, i) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "antwort";
      input.value = String(i);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + o));
      optionen.appendChild(label);
    });
    el("fall").hidden = false;
    el("pruefen").hidden = false;
    el("weiter").hidden = true;
    el("rueckmeldung").textContent = "";
  }

  function pruefen(event) {
    event.preventDefault();
    var gewaehlt = document.querySelector("input[name=antwort]:checked");
    if (!gewaehlt) {
      el("rueckmeldung").textContent = "Bitte wählen Sie eine Antwort.";
      return;
    }
    var f = faelle[stand.fall];
    var ok = Number(gewaehlt.value) === f.richtig;
    stand.antworten.push(gewaehlt.value);
    stand.fall++;
    speichern();
    var r = el("rueckmeldung");
    r.textContent = "";
    var kopf = document.createElement("p");
    kopf.className = ok ? "richtig" : "falsch";
    kopf.textContent = ok ? "Richtig." : "Nicht ganz.";
    var text = document.createElement("p");
    text.textContent = f.warum;
    r.appendChild(kopf);
    r.appendChild(text);
    el("pruefen").hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll("input[name=antwort]"), function (i) { i.disabled = true; });
    el("weiter").hidden = false;
    el("weiter").focus();
  }

  function weiter() {
    if (stand.fall < faelle.length) {
      zeigeFall();
      document.querySelector("input[name=antwort]").focus();
    } else {
      auswerten();
    }
  }

  function richtigeAntworten() {
    var n = 0;
    stand.antworten.forEach(function (a, i) { if (Number(a) === faelle[i].richtig) { n++; } });
    return n;
  }

  function auswerten() {
    var n = richtigeAntworten();
    var bestanden = n >= 2;
    lms("LMSSetValue", "cmi.core.score.min", "0");
    lms("LMSSetValue", "cmi.core.score.max", "100");
    lms("LMSSetValue", "cmi.core.score.raw", String(Math.round(n * 100 / faelle.length)));
    lms("LMSSetValue", "cmi.core.lesson_status", bestanden ? "passed" : "failed");
    speichern();
    el("fall").hidden = true;
    el("weiter").hidden = true;
    el("rueckmeldung").textContent = "";
    el("fortschritt").textContent = "Alle Fälle bearbeitet.";
    el("ergebnis").hidden = false;
    el("ergebnis-text").textContent = n + " von " + faelle.length + " Antworten sind richtig. " +
      (bestanden ? "Sie haben die Übung bestanden." : "Für das Bestehen brauchen Sie zwei richtige Antworten.");
    el("abschliessen").hidden = !bestanden;
    el("nochmal").hidden = bestanden;
    el("ergebnis-titel").focus();
  }

  function sitzungszeit() {
    var s = Math.round((new Date() - start) / 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return "00" + pad(Math.floor(s / 3600)) + ":" + pad(Math.floor(s / 60) % 60) + ":" + pad(s % 60);
  }

  function abschliessen() {
    lms("LMSSetValue", "cmi.core.session_time", sitzungszeit());
    lms("LMSSetValue", "cmi.core.exit", "");
    lms("LMSFinish", "");
    el("ergebnis").hidden = true;
    el("ende").hidden = false;
  }

  function nochmal() {
    stand = { fall: 0, antworten: [] };
    lms("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    speichern();
    el("ergebnis").hidden = true;
    zeigeFall();
  }

  el("fall").addEventListener("submit", pruefen);
  el("weiter").addEventListener("click", weiter);
  el("abschliessen").addEventListener("click", abschliessen);
  el("nochmal").addEventListener("click", nochmal);
  el("ergebnis-titel").tabIndex = -1;

  if (!api || lms("LMSInitialize", "") !== "true") {
    el("fortschritt").textContent = "Die Lernplattform wurde nicht gefunden. Ihr Ergebnis wird nicht gespeichert.";
    api = null;
  } else {
    var status = lms("LMSGetValue", "cmi.core.lesson_status");
    var ort = parseInt(lms("LMSGetValue", "cmi.core.lesson_location"), 10);
    var daten = lms("LMSGetValue", "cmi.suspend_data");
    if (status === "not attempted") {
      lms("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    }
    if (!isNaN(ort) && ort >= 0 && ort <= faelle.length && daten) {
      stand = { fall: ort, antworten: daten.split(",").slice(0, ort) };
    }
    // Leaving in the middle: come back to this case next time.
    lms("LMSSetValue", "cmi.core.exit", "suspend");
  }
  window.addEventListener("pagehide", function () {
    if (api) {
      lms("LMSSetValue", "cmi.core.session_time", sitzungszeit());
      lms("LMSCommit", "");
    }
  });
  if (stand.fall >= faelle.length) {
    auswerten();
  } else {
    zeigeFall();
  }
})();
