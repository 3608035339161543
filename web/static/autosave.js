// Autosave for the lesson editor: a few seconds after the last change the form is saved through
// the same checks as "Speichern". The status line says "Gespeichert" or why not; the validator's
// problems (file, line) are listed next to the editor. Without JavaScript the buttons still work.
(function () {
  'use strict';
  var form = document.getElementById('lesson-form');
  var status = document.getElementById('autosave-status');
  var list = document.getElementById('autosave-problems');
  if (!form || !status || !list || !window.fetch) { return; }
  var hash = form.querySelector('input[name="hash"]');
  var csrf = form.querySelector('input[name="_csrf"]');
  var url = form.getAttribute('data-autosave');
  var delay = parseInt(form.getAttribute('data-autosave-delay') || '3000', 10);
  var timer = null;
  var busy = false;
  var again = false;
  var stopped = false;

  function say(key, problems) {
    status.textContent = status.getAttribute('data-' + key) || '';
    status.setAttribute('data-state', key);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    (problems || []).forEach(function (p) {
      var li = document.createElement('li');
      var code = document.createElement('code');
      code.textContent = p;
      li.appendChild(code);
      list.appendChild(li);
    });
  }

  function save() {
    if (stopped) { return; }
    if (busy) { again = true; return; }
    busy = true;
    say('saving', []);
    var data = new URLSearchParams();
    ['title', 'duration_minutes', 'body'].forEach(function (name) {
      data.set(name, form.elements[name].value);
    });
    data.set('hash', hash.value);
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf.value, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
      body: data.toString()
    }).then(function (r) {
      return r.json().catch(function () { return { state: 'error' }; });
    }).then(function (res) {
      busy = false;
      if (res.hash) { hash.value = res.hash; }
      if (res.state === 'conflict') { stopped = true; }
      say(res.state === 'saved' || res.state === 'invalid' || res.state === 'conflict' ? res.state : 'error', res.problems);
      if (again) { again = false; schedule(); }
    }).catch(function () {
      busy = false;
      say('error', []);
    });
  }

  function schedule() {
    clearTimeout(timer);
    status.textContent = status.getAttribute('data-pending') || '';
    status.setAttribute('data-state', 'pending');
    timer = setTimeout(save, delay);
  }

  ['title', 'duration_minutes', 'body'].forEach(function (name) {
    form.elements[name].addEventListener('input', schedule);
  });
  // A normal submit saves by itself; do not race it.
  form.addEventListener('submit', function () { clearTimeout(timer); stopped = true; });
})();
