// firebreak dashboard, incident actions: ack, mitigate, note, confirm recovery, resolve — posted to
// /v1/incidents/{id}/actions with the signed-in token (the actor is the token's name). The answer is shown as text;
// the new state arrives with the next poll.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);

  function say(text, failed) {
    $('action-status').textContent = text;
    $('action-status').classList.toggle('error', Boolean(failed));
  }

  async function act(action) {
    const id = new URLSearchParams(location.search).get('incident');
    const note = $('action-note').value.trim();
    if (!id) return say('select an incident first', true);
    if (action === 'note' && !note) return say('write the note first', true);
    const body = { action: action };
    if (note) body.note = note;
    let answer;
    try {
      answer = await window.firebreak.send('POST', '/v1/incidents/' + encodeURIComponent(id) + '/actions', body);
    } catch (e) {
      return say('cannot reach firebreak: ' + e.message, true);
    }
    const answered = answer.body;
    if (answer.status === 202) {
      $('action-note').value = '';
      say(action + ' accepted for ' + id);
      window.firebreak.refresh();
    } else if (answer.status === 401 || answer.status === 403) {
      say('this token may not act on incidents: sign in with a token that has the actions scope', true);
    } else {
      say(action + ' refused: ' + (answered.detail || answered.error || 'HTTP ' + answer.status), true);
    }
  }

  document.querySelectorAll('#actions button[data-action]').forEach((button) => button.addEventListener('click', () => act(button.dataset.action)));
})();
