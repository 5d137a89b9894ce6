// firebreak dashboard, maintenance windows: GET /v1/maintenance listed with the span holding pages now or next (in the
// viewer's time and the window's time zone), a form posting to /v1/maintenance and a delete for windows made through
// the API (config windows come back with the next start, so they are changed in the config). Values are set as text only.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const fb = window.firebreak;
  // the list reads the topic to its end on every call: polled less often than incidents; an unchanged list (304, its
  // ETag) is not drawn again, so a row being clicked is never replaced under the pointer
  const POLL_MS = 10000;
  let timer = null;
  let drawn = false;

  function say(text, failed) {
    $('maintenance-status').textContent = text;
    $('maintenance-status').classList.toggle('error', Boolean(failed));
  }

  // "Sun 2026-12-06 02:00 GMT+1": the same shape in any browser locale; the viewer's zone when timeZone is undefined
  function at(iso, timeZone) {
    const parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(new Date(iso)).forEach((p) => { parts[p.type] = p.value; });
    return parts.weekday + ' ' + parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ' ' + parts.timeZoneName;
  }
  function span(w, timeZone) {
    return w.span ? at(w.span.from, timeZone) + ' → ' + at(w.span.until, timeZone) : 'none ahead';
  }
  function recurrence(w) {
    return w.recurrence ? w.recurrence.cron + ' for ' + w.recurrence.duration.replace(/^PT/, '').toLowerCase() + ' (' + w.recurrence.timezone + ')' : 'once';
  }

  function show(windows) {
    drawn = true;
    $('maintenance-empty').hidden = windows.length > 0;
    $('maintenance-table').tBodies[0].replaceChildren(...windows.map((w) => {
      const zone = w.recurrence ? w.recurrence.timezone : 'UTC';
      const tr = fb.el('tr');
      tr.dataset.id = w.id;
      [w.name, w.matchers.join(', '), span(w), span(w, zone) + ' · ' + zone, recurrence(w), w.source + (w.createdBy ? ' (' + w.createdBy + ')' : '')]
        .forEach((text) => tr.appendChild(fb.el('td', text)));
      tr.appendChild(w.activeUntil ? fb.el('td', 'yes, until ' + at(w.activeUntil), 'active-now') : fb.el('td', 'no'));
      const actions = fb.el('td');
      if (w.source === 'api') {
        const remove = fb.el('button', 'Delete');
        remove.type = 'button';
        remove.addEventListener('click', () => deleteWindow(w));
        actions.appendChild(remove);
      }
      tr.appendChild(actions);
      return tr;
    }));
  }

  async function refresh() {
    try {
      const answer = await fb.api('/v1/maintenance');
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      if (answer.unchanged && drawn) return;
      show((await answer.json()).windows);
    } catch (e) {
      $('status').textContent = e.signIn ? e.message : 'cannot read maintenance windows: ' + e.message;
    }
  }

  function refused(what, answer) {
    if (answer.status === 401 || answer.status === 403) return say('this token may not change maintenance windows: sign in with a token that has the actions scope', true);
    say(what + ' refused: ' + (answer.body.detail || answer.body.error || 'HTTP ' + answer.status), true);
  }

  async function deleteWindow(w) {
    let answer;
    try { answer = await fb.send('DELETE', '/v1/maintenance/' + encodeURIComponent(w.id)); } catch (e) { return say('cannot reach firebreak: ' + e.message, true); }
    if (answer.status !== 200) return refused('deleting ' + w.name, answer);
    say('deleted ' + w.name);
    refresh();
  }

  // datetime-local fields hold the viewer's wall-clock time; the API takes RFC 3339 instants
  function instant(id) { const v = $(id).value; return v ? new Date(v).toISOString() : undefined; }

  $('maintenance-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: $('maintenance-name').value.trim(), matchers: $('maintenance-matchers').value.split('\n').map((m) => m.trim()).filter(Boolean),
      startsAt: instant('maintenance-starts'), endsAt: instant('maintenance-ends'), comment: $('maintenance-comment').value.trim() };
    if ($('maintenance-cron').value.trim()) {
      body.recurrence = { cron: $('maintenance-cron').value.trim(), duration: $('maintenance-duration').value.trim(), timezone: $('maintenance-timezone').value.trim() || 'UTC' };
    }
    let answer;
    try { answer = await fb.send('POST', '/v1/maintenance', body); } catch (e) { return say('cannot reach firebreak: ' + e.message, true); }
    if (answer.status !== 201) return refused('creating ' + body.name, answer);
    $('maintenance-form').reset();
    $('maintenance-timezone').value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    say('created ' + body.name + ' (' + answer.body.id + ')');
    refresh();
  });
  $('maintenance-timezone').value = Intl.DateTimeFormat().resolvedOptions().timeZone;

  fb.onView((name) => {
    clearInterval(timer);
    if (name === 'maintenance') { refresh(); timer = setInterval(refresh, POLL_MS); }
  });
})();
