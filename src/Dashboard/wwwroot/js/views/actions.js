import { call, instancePath } from '../api.js';
import { alertBox, h } from '../dom.js';

// The control actions of an instance. Each opens a modal dialog to confirm (Escape cancels, focus stays inside);
// the API's error is shown in the dialog, which stays open so the user can correct and retry.
export function renderActions(tenant, getInstance, onDone) {
  const path = instancePath(tenant, getInstance().id);
  const openDialog = (title, text, fields, confirmLabel, send) => {
    const slot = alertBox(null);
    const confirm = h('button', { type: 'submit', class: 'primary' }, confirmLabel);
    const cancel = h('button', { type: 'button' }, 'Cancel');
    const form = h('form', { method: 'dialog' }, h('h2', { id: 'dialog-title' }, title), h('p', {}, text), fields, slot,
      h('div', { class: 'buttons' }, confirm, cancel));
    const dialog = h('dialog', { 'aria-labelledby': 'dialog-title' }, form);
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      confirm.disabled = true;
      try {
        const answer = await send();
        dialog.close();
        onDone(`${title}: ${answer?.status ? `status is now ${answer.status}` : 'done'}.`);
      } catch (error) {
        form.querySelector('[role=alert]').replaceWith(alertBox(error));
        confirm.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
  };

  const simple = (label, verb, text) => h('button', { type: 'button', 'data-action': verb, onclick: () =>
    openDialog(`${label} ${getInstance().id}`, text, [], label, () => call('POST', `${path}/${verb}`)) }, label);

  const terminate = h('button', { type: 'button', class: 'danger', 'data-action': 'terminate', onclick: () => {
    const rollback = h('input', { type: 'checkbox', id: 'terminate-rollback', name: 'rollback' });
    openDialog(`Terminate ${getInstance().id}`, 'The running attempt is cancelled and the instance ends as terminated; it cannot be resumed (restart runs it again).',
      h('p', {}, rollback, ' ', h('label', { for: 'terminate-rollback' }, 'Run the rollback handlers of completed steps first')),
      'Terminate', () => call('POST', `${path}/terminate`, { body: { rollback: rollback.checked } }));
  } }, 'Terminate…');

  const restart = h('button', { type: 'button', 'data-action': 'restart', onclick: () => {
    const steps = (getInstance().steps ?? []).filter((s) => s.type === 'step');
    const from = h('select', { id: 'restart-from', name: 'from' },
      h('option', { value: '' }, 'The start (forget every result)'),
      steps.map((s, i) => h('option', { value: String(i) }, `${s.name}${s.count > 1 ? ` #${s.count}` : ''}`)));
    openDialog(`Restart ${getInstance().id}`, 'Runs the instance again. From a step, the results of the steps before it are kept.',
      [h('label', { for: 'restart-from' }, 'Restart from'), from], 'Restart', () => {
        const step = from.value === '' ? null : steps[Number(from.value)];
        return call('POST', `${path}/restart`, { body: step ? { from: { name: step.name, count: step.count } } : {} });
      });
  } }, 'Restart…');

  const sendEvent = h('button', { type: 'button', 'data-action': 'event', onclick: () => {
    const waiting = (getInstance().steps ?? []).filter((s) => s.type === 'waitForEvent' && !s.finished).map((s) => s.name);
    const type = h('input', { id: 'event-type', name: 'type', required: true, autocomplete: 'off', spellcheck: 'false', value: '' });
    const payload = h('textarea', { id: 'event-payload', name: 'payload', rows: '5', spellcheck: 'false', 'aria-describedby': 'event-payload-help' });
    payload.value = '{}';
    openDialog(`Send an event to ${getInstance().id}`, waiting.length ? `It is waiting in: ${waiting.join(', ')}.` : 'Events are kept until a wait for their type takes them.',
      [h('label', { for: 'event-type' }, 'Event type'), type,
        h('label', { for: 'event-payload' }, 'Payload (JSON)'), payload,
        h('p', { id: 'event-payload-help', class: 'help' }, 'Any JSON value; the workflow reads it as the event\'s payload.')],
      'Send event', () => call('POST', `${path}/events/${encodeURIComponent(type.value.trim())}`, { body: payload.value, raw: true }));
  } }, 'Send event…');

  return h('div', { class: 'actions', role: 'group', 'aria-label': 'Actions' },
    simple('Pause', 'pause', 'The instance pauses once its in-flight steps finish (waitingForPause until then).'),
    simple('Resume', 'resume', 'The instance carries on from where it paused.'),
    terminate, restart, sendEvent);
}
