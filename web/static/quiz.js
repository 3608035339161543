// ailit quiz page: progressive enhancement only. Without this file the page works the same: the
// deadline is shown as text and answers are saved with the "Zwischenspeichern" button.
(function () {
  "use strict";

  // Countdown with spoken warnings 5 and 1 minute before the deadline (WCAG 2.2.1). The visible
  // timer is not a live region, so screen readers are not interrupted every second.
  var countdown = document.getElementById("quiz-countdown");
  var announce = document.getElementById("quiz-timer-announce");
  if (countdown && announce) {
    var deadline = Date.parse(countdown.getAttribute("data-deadline"));
    var warned = {};
    var tick = function () {
      var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      var min = Math.floor(left / 60), sec = left % 60;
      countdown.textContent = countdown.getAttribute("data-label") + " " + min + ":" + (sec < 10 ? "0" : "") + sec;
      [5, 1].forEach(function (m) {
        if (!warned[m] && left <= m * 60 && left > 0) {
          warned[m] = true;
          announce.textContent = announce.getAttribute("data-warn" + m);
          if (m === 5) { save(); }
        }
      });
      if (left > 0) { window.setTimeout(tick, 1000); }
    };
    countdown.hidden = false;
    tick();
  }

  // Save the whole form on every change, so nothing is lost when the time runs out or the
  // connection drops. The server answers JSON when asked for it.
  var form = document.getElementById("quiz-form");
  var status = document.getElementById("quiz-autosave");
  var timer = null;
  function save() {
    if (!form || !window.fetch || !window.FormData) { return; }
    var body = new URLSearchParams(new FormData(form));
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": body.get("_csrf") || "" }
    }).then(function (res) {
      if (!res.ok) { throw new Error(String(res.status)); }
      return res.json();
    }).then(function (data) {
      if (status) { status.textContent = data.message; }
    }).catch(function () {
      if (status) { status.textContent = status.getAttribute("data-failed"); }
    });
  }
  if (form && form.getAttribute("data-autosave") === "on") {
    form.addEventListener("change", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 400);
    });
  }
})();
