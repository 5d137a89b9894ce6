// firebreak dashboard: polls the incidents API and renders it. Every value is set with textContent, never as
// HTML, because alert labels and annotations come from outside and must not become markup.
(function () {
  'use strict';
  const STAGES = ['SIGNAL_DETECTED', 'ALERT_FIRED', 'RCA_GENERATED', 'SLO_BURN_ANALYZED', 'PAGED', 'WAR_ROOM_OPEN',
    'MITIGATED', 'RECOVERED', 'POSTMORTEM_PUBLISHED'];
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = 'firebreak.token';
  let selected = new URLSearchParams(location.search).get('incident');

  // Every read needs a read-scoped token. It lives in this tab's sessionStorage (gone when the tab closes) and travels
  // only in the Authorization header: a token in a URL would end up in history, logs and Referer headers.
  // JSON reads carry the ETag of the last answer: while nothing changed the server answers 304 without a body and the
  // caller gets the remembered body back, marked unchanged, so polling every few seconds stays cheap.
  const remembered = new Map();
  const stats = { notModified: 0 };
  async function api(path, accept) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const headers = { Accept: accept || 'application/json', Authorization: 'Bearer ' + (token || '') };
    const last = accept ? undefined : remembered.get(path);
    if (last) headers['If-None-Match'] = last.tag;
    const answer = await fetch(path, { headers: headers, cache: 'no-store' });
    if (answer.status === 401 || answer.status === 403) signInNeeded(answer.status === 403 ? 'this token may not read' : 'sign in with a read token');
    if (answer.status === 304 && last) {
      stats.notModified++;
      return Object.assign(new Response(last.body, { status: 200, headers: { 'Content-Type': 'application/json' } }), { unchanged: true });
    }
    const tag = answer.headers.get('ETag');
    if (answer.ok && tag && !accept) remembered.set(path, { tag: tag, body: await answer.clone().text() });
    return answer;
  }
  function signInNeeded(why) {
    $('signin').hidden = false;
    $('signout').hidden = true;
    throw Object.assign(new Error(why), { signIn: true });
  }
  $('signin').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('signin-token').value.trim());
    $('signin-token').value = '';
    $('signin').hidden = true;
    $('signout').hidden = false;
    refresh();
  });
  $('signout').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); });
  $('signout').hidden = !sessionStorage.getItem(TOKEN_KEY);

  STAGES.forEach((s) => { const o = document.createElement('option'); o.textContent = s; $('filter-stage').appendChild(o); });
  ['filter-stage', 'filter-severity', 'filter-cluster', 'filter-service', 'filter-open']
    .forEach((id) => $(id).addEventListener('change', refresh));

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function row(cells) { const tr = el('tr'); cells.forEach((c) => tr.appendChild(c instanceof Node ? c : el('td', c))); return tr; }
  function td(node) { const t = el('td'); t.appendChild(node); return t; }
  function when(iso) { return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }
  function fill(tbody, rows) { tbody.replaceChildren(...rows); }

  function query() {
    const p = new URLSearchParams({ limit: '200' });
    const add = (k, id) => { const v = $(id).value.trim(); if (v) p.set(k, v); };
    add('state', 'filter-stage'); add('severity', 'filter-severity'); add('cluster', 'filter-cluster'); add('service', 'filter-service');
    if ($('filter-open').checked) p.set('open', 'true');
    return '/v1/incidents?' + p.toString();
  }

  async function refresh() {
    try {
      const answer = await api(query());
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      const incidents = (await answer.json()).incidents;
      if (!answer.unchanged) render(incidents);
      $('status').textContent = incidents.length + ' incident(s) · updated ' + new Date().toLocaleTimeString();
      $('status').classList.remove('error');
    } catch (e) {
      $('status').textContent = e.signIn ? e.message : 'cannot reach firebreak: ' + e.message;
      $('status').classList.add('error');
    }
  }

  function render(incidents) {
    $('empty').hidden = incidents.length > 0;
    fill($('incidents').tBodies[0], incidents.map((i) => {
      const tr = row([td(el('span', i.severity, 'sev sev-' + i.severity)), i.id, stageCell(i), (i.services || []).join(', '),
        (i.rootCauses && i.rootCauses[0]) ? i.rootCauses[0].service : '', when(i.openedAt), when(i.updatedAt)]);
      tr.dataset.id = i.id;
      if (i.closed) tr.classList.add('closed');
      if (i.id === selected) tr.classList.add('selected');
      tr.addEventListener('click', () => { selected = i.id; history.replaceState(null, '', '?incident=' + encodeURIComponent(i.id)); showDetail(); });
      return tr;
    }));
    if (selected) showDetail();
  }

  // a page routing decided but its receiver has not accepted: the incident is NOT paged, whatever its stage (issue 17)
  function stageCell(i) {
    const cell = el('td', i.stage);
    if (i.notPagedYet) cell.appendChild(el('span', 'not paged yet', 'not-paged'));
    return cell;
  }

  function pendingText(t) {
    return t.receiver + ' ' + (t.state === 'failed' ? 'gave up' : 'has not accepted') + ' since ' + when(t.failingSince || t.decidedAt)
      + (t.attempts ? ' · ' + t.attempts + ' failed attempts' : '') + (t.lastError ? ' · last: ' + t.lastError : '')
      + (t.nextAttemptAt ? ' · next attempt ' + when(t.nextAttemptAt) : '') + (t.escalatedAt ? ' · escalated ' + when(t.escalatedAt) : '');
  }

  async function showDetail() {
    let answer;
    try { answer = await api('/v1/incidents/' + encodeURIComponent(selected)); } catch (e) { return; }
    if (!answer.ok) { $('detail').hidden = true; return; }
    const i = await answer.json();
    $('detail').hidden = false;
    $('detail-title').textContent = '[' + i.severity + '] ' + (i.title || i.id) + ' — ' + i.stage;
    const pending = (i.triggers || []).filter((t) => t.state !== 'accepted');
    $('detail-paging').hidden = pending.length === 0;
    $('detail-paging').textContent = (i.notPagedYet ? 'NOT PAGED YET — ' : 'Not delivered yet — ') + pending.map(pendingText).join('; ');
    $('detail-summary').textContent = i.id + ' · ' + i.cluster + ' · services: ' + (i.services || []).join(', ')
      + (i.reopens ? ' · reopened ' + i.reopens + '×' : '');
    fill($('detail-rca'), (i.rootCauses || []).map((c) => el('li', c.service + ' (' + c.score.toFixed(2) + '): ' + (c.evidence || []).join('; '))));
    fill($('detail-changes'), (i.suspectChanges || []).map((c) => el('li', c.service + '@' + (c.version || '?') + ' ' + c.kind + ' at ' + when(c.at))));
    fill($('detail-burn'), (i.burn || []).map((b) => el('li', b.slo + ': ' + Object.entries(b.rates || {}).map(([w, r]) => w + ' ' + r.toFixed(1) + '×').join(', ')
      + ' · budget left ' + (b.budgetRemaining * 100).toFixed(1) + '%')));
    const counts = i.signalCounts || { firing: 0, resolved: 0, total: (i.signals || []).length, byAlert: [] };
    $('detail-signal-counts').textContent = counts.total.toLocaleString() + ' signals: ' + counts.firing.toLocaleString() + ' firing, '
      + counts.resolved.toLocaleString() + ' resolved'
      + (counts.total > (i.signals || []).length ? ' · showing ' + (i.signals || []).length + ' (firing first, most severe, newest); all: GET /v1/incidents/'
        + i.id + '/signals' : '')
      + (counts.byAlert || []).slice(0, 10).map((g) => ' · ' + g.count.toLocaleString() + '× ' + (g.alertName || '(unnamed)') + ' on ' + g.service
        + ' ' + g.status).join('');
    fill($('detail-signals').tBodies[0], (i.signals || []).map((s) => row([s.status + (s.flapping ? ' (flapping)' : ''), s.severity, s.service,
      s.alertName || '', s.summary || '', s.count, when(s.lastSeen)])));
    fill($('detail-timeline').tBodies[0], (i.timeline || []).map((e) => row([when(e.at), e.stage || '', e.cause, e.actor])));
    fill($('detail-deliveries').tBodies[0], (i.deliveries || []).map((d) => row([when(d.at), d.receiver || d.channel, d.kind,
      d.outcome + (d.error ? ': ' + d.error : '') + (d.nextAttemptAt ? ' (next attempt ' + when(d.nextAttemptAt) + ')' : ''), d.ref || ''])));
    $('detail-postmortem').dataset.id = i.id;
  }

  // fetched with the token like every read (a plain link could not send it), shown as text
  $('detail-postmortem').addEventListener('click', async () => {
    const text = $('detail-postmortem-text');
    try {
      const answer = await api('/v1/incidents/' + encodeURIComponent($('detail-postmortem').dataset.id) + '/postmortem', 'text/markdown');
      text.textContent = answer.ok ? await answer.text() : 'no postmortem yet (HTTP ' + answer.status + ')';
    } catch (e) {
      text.textContent = e.message;
    }
    text.hidden = false;
  });

  // writes (incident actions, maintenance windows) carry the signed-in token too; the answer's JSON (the API's error
  // and detail on a refusal) is handed back, never dropped
  async function send(method, path, body) {
    const headers = { Accept: 'application/json', Authorization: 'Bearer ' + (sessionStorage.getItem(TOKEN_KEY) || '') };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await fetch(path, { method: method, cache: 'no-store', headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: answer.status, body: await answer.json().catch(() => ({})) };
  }

  // one view at a time (incidents with their detail, SLOs, maintenance windows); each view's script hears which is shown
  const viewListeners = [];
  function showView(name) {
    document.querySelectorAll('#views button[data-view]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === name)));
    document.querySelectorAll('main > section[data-view]').forEach((section) => { section.hidden = section.dataset.view !== name; });
    if (name !== 'incidents') $('detail').hidden = true;
    viewListeners.forEach((listener) => listener(name));
  }
  document.querySelectorAll('#views button[data-view]').forEach((b) => b.addEventListener('click', () => showView(b.dataset.view)));

  // slos.js, actions.js and maintenance.js build on these: one sign-in, one way to read and write
  window.firebreak = { api: api, send: send, refresh: refresh, stats: stats, el: el, when: when, onView: (listener) => viewListeners.push(listener) };
  refresh();
  setInterval(refresh, 3000);
})();
