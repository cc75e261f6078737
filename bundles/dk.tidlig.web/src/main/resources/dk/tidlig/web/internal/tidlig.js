// SPDX-FileCopyrightText: 2026 The tidlig contributors
// SPDX-License-Identifier: EUPL-1.2
// tidlig's one script, from its own origin (the content security policy allows no other): it warns before the sign-in
// session or a case's working session ends, keeps what was typed in a form across a new sign-in, keeps a form's result
// from being sent again on reload, and nothing else. Every
// page works without it.
(function () {
  'use strict';
  var body = document.body;
  var idle = parseInt(body.getAttribute('data-idle') || '0', 10);
  // a form's result that holds personal data is shown once: its history entry becomes the form's page (a GET), so that
  // reload and Back never send the form again
  var replace = body.getAttribute('data-replace');
  if (replace && replace.charAt(0) === '/' && window.history && window.history.replaceState) {
    window.history.replaceState(null, '', replace);
  }
  var print = document.getElementById('print');
  if (print) { print.addEventListener('click', function () { window.print(); }); }
  var warning = document.getElementById('session-warning');
  var timer;
  function arm() {
    if (!idle || !warning) { return; }
    clearTimeout(timer);
    warning.hidden = true;
    // the server records a session's use at most once a minute: warn three minutes before the end
    timer = setTimeout(function () { warning.hidden = false; }, Math.max(0, idle - 180) * 1000);
  }
  arm();
  var stay = document.getElementById('session-stay');
  if (stay) {
    stay.addEventListener('click', function (event) {
      event.preventDefault();
      fetch('/app/ping', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
        if (r.ok) { arm(); } else { window.location.reload(); }
      });
    });
  }

  // a case's working session: the page says so before it ends
  var working = document.getElementById('working');
  var expiring = document.getElementById('expiring');
  if (working && expiring) {
    var left = parseInt(working.getAttribute('data-expires'), 10) - Date.now();
    setTimeout(function () { expiring.hidden = false; }, Math.max(0, left - 120000));
    // when it has ended, the family's names and CPR numbers leave the screen: the page shows what the session now allows
    setTimeout(function () { window.location.reload(); }, Math.max(0, left + 1000));
  }

  // what was typed in a form survives a session that ended: kept in this tab only (sessionStorage), put back when the
  // form is shown again after signing in, and forgotten once the server has confirmed the step (#done)
  if (document.getElementById('done')) {
    for (var i = sessionStorage.length - 1; i >= 0; i--) {
      var k = sessionStorage.key(i);
      if (k && k.indexOf('tidlig:') === 0 && k.slice(-5) === ':sent') {
        sessionStorage.removeItem(k.slice(0, -5));
        sessionStorage.removeItem(k);
      }
    }
  }
  // drafts belong to the user who typed them (another user signing in in this tab never sees them), are forgotten at
  // sign-out, and after two hours
  var user = body.getAttribute('data-user') || '';
  var signout = document.getElementById('signout');
  if (signout && signout.form) {
    signout.form.addEventListener('submit', function () {
      for (var j = sessionStorage.length - 1; j >= 0; j--) {
        var name = sessionStorage.key(j);
        if (name && name.indexOf('tidlig:') === 0) { sessionStorage.removeItem(name); }
      }
    });
  }
  var forms = document.querySelectorAll('form[data-keep]');
  Array.prototype.forEach.call(forms, function (form) {
    var key = 'tidlig:' + user + ':' + form.getAttribute('data-keep');
    var fields = form.querySelectorAll('textarea, select, input:not([type=hidden]):not([type=password])');
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || 'null'); } catch (e) { saved = null; }
    if (saved && (!saved._at || Date.now() - saved._at > 2 * 3600 * 1000)) {
      sessionStorage.removeItem(key);
      saved = null;
    }
    if (saved) {
      var restored = false;
      Array.prototype.forEach.call(fields, function (f) {
        if (f.name && Object.prototype.hasOwnProperty.call(saved, f.name) && saved[f.name] !== '') {
          f.value = saved[f.name];
          restored = true;
        }
      });
      var note = form.querySelector('.restored');
      if (restored && note) { note.hidden = false; }
    }
    form.addEventListener('input', function () {
      var values = { _at: Date.now() };
      Array.prototype.forEach.call(fields, function (f) { if (f.name) { values[f.name] = f.value; } });
      sessionStorage.setItem(key, JSON.stringify(values));
    });
    // sent, not yet confirmed: a session that ended meanwhile sends the user to sign in, and the text waits here
    form.addEventListener('submit', function () { sessionStorage.setItem(key + ':sent', '1'); });
  });
})();
