// Live preview for the lesson editor (progressive enhancement: without JavaScript the
// "Vorschau" button renders the same preview on the server).
(function () {
  'use strict';
  var form = document.getElementById('lesson-form');
  var preview = document.getElementById('lesson-preview');
  if (!form || !preview || !window.fetch) { return; }
  var body = form.querySelector('textarea[name="body"]');
  var csrf = form.querySelector('input[name="_csrf"]');
  var timer = null;
  function update() {
    var data = new URLSearchParams();
    data.set('body', body.value);
    fetch(form.getAttribute('data-preview'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf.value, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: data.toString()
    }).then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
      .catch(function () {});
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(update, 600);
  });
})();
