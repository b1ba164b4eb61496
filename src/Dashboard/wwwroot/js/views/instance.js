import { get, instancePath } from '../api.js';
import { alertBox, h, json, replace, statusBadge, time } from '../dom.js';
import { watch } from '../stream.js';
import { renderActions } from './actions.js';
import { renderTimeline } from './timeline.js';

const finished = new Set(['complete', 'errored', 'terminated']);

// One instance: its data, step timeline and logs, kept live over the stream; and its actions.
export async function renderInstance(main, [tenant, id]) {
  const path = instancePath(tenant, id);
  let instance;
  try {
    instance = await get(path);
  } catch (error) {
    replace(main, h('h1', {}, `Instance ${id}`), alertBox(error));
    return null;
  }

  const title = h('h1', {}, `Instance ${id} `);
  const facts = h('dl', { class: 'facts' });
  const live = h('p', { role: 'status', class: 'live', id: 'live' });
  const notice = h('p', { role: 'status', class: 'notice-slot', id: 'action-result' });
  const data = h('div', { class: 'data' });
  const timeline = h('section', { 'aria-labelledby': 'timeline-title' });
  const logs = h('section', { 'aria-labelledby': 'logs-title' });
  let stop = null;
  let pending = false;
  let loading = false;

  const draw = (logPage) => {
    replace(title, `Instance ${instance.id} `, statusBadge(instance.status));
    const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
    replace(facts,
      fact('Workflow', h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances?workflow=${encodeURIComponent(instance.workflow)}` }, instance.workflow)),
      fact('Version', instance.version),
      instance.run ? fact('Run', instance.run) : null,
      fact('Created', time(instance.createdAt)),
      fact('Started', time(instance.startedAt)),
      fact('Ended', time(instance.endedAt)),
      instance.parent ? fact('Parent', h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances/${encodeURIComponent(instance.parent.id)}` },
        `${instance.parent.id} (step ${instance.parent.step})`)) : null);
    replace(data,
      h('section', { 'aria-labelledby': 'params-title' }, h('h2', { id: 'params-title' }, 'Params'), json(instance.params)),
      h('section', { 'aria-labelledby': 'output-title' }, h('h2', { id: 'output-title' }, 'Output'), json(instance.output)),
      h('section', { 'aria-labelledby': 'error-title' }, h('h2', { id: 'error-title' }, 'Error'),
        instance.error ? h('div', { class: 'error-box' }, h('strong', {}, instance.error.name), ': ', instance.error.message) : h('p', {}, 'None')));
    replace(timeline, h('h2', { id: 'timeline-title' }, `Steps (${instance.steps.length})`), renderTimeline(instance, tenant));
    replace(logs, h('h2', { id: 'logs-title' }, 'Logs'), logPage.items.length
      ? h('table', { class: 'logs' },
        h('thead', {}, h('tr', {}, ['Time', 'Level', 'Step', 'Attempt', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, logPage.items.map((l) => h('tr', { class: `level-${l.level}` },
          h('td', {}, time(l.at)), h('td', {}, l.level), h('td', {}, l.step ? `${l.step.name}${l.step.count > 1 ? ` #${l.step.count}` : ''}` : '—'),
          h('td', {}, l.attempt ?? '—'), h('td', {}, h('span', { class: 'message' }, l.message))))))
      : h('p', {}, 'Nothing logged.'),
    logPage.nextCursor ? h('p', { class: 'help' }, 'Showing the first 200 lines; the API pages the rest (…/logs?cursor=).') : null);
  };

  // One reload at a time; events that arrive meanwhile ask for one more, so bursts of steps cost two reads, not hundreds.
  const refresh = async () => {
    if (loading) {
      pending = true;
      return;
    }
    loading = true;
    try {
      do {
        pending = false;
        const [described, logPage] = await Promise.all([get(path), get(`${path}/logs?limit=200`)]);
        instance = described;
        draw(logPage);
      } while (pending);
      if (!finished.has(instance.status) && !stop) follow();
    } catch (error) {
      replace(notice, alertBox(error));
    } finally {
      loading = false;
    }
  };

  const follow = () => {
    stop = watch(`${path}/stream`, (type) => {
      if (type !== 'reset') refresh();
    }, (state) => {
      live.dataset.state = state;
      live.textContent = state === 'live' ? '● Live: updates as it runs'
        : state === 'reconnecting' ? '○ Connection lost, reconnecting…' : 'Finished: no more updates';
      if (state === 'ended') {
        stop = null;
        refresh();
      }
    });
  };

  const actions = renderActions(tenant, () => instance, (message) => {
    replace(notice, message);
    refresh();
  });

  replace(main,
    h('p', { class: 'crumbs' }, h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances` }, `← Instances of ${tenant}`)),
    title, facts, live, actions, notice, data, timeline, logs);
  await refresh();
  if (finished.has(instance.status)) live.textContent = 'Finished: no more updates';
  return () => stop?.();
}
