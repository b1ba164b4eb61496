import { h } from '../dom.js';

// The step timeline: one row per step, sleep, wait or child; one bar per attempt on a shared time axis. Failed
// attempts are red, striped and marked ✕ (not colour alone); sleeps and waits are hatched spans; an unfinished span
// runs to "now". Every bar carries a text label for screen readers and a tooltip.
export function renderTimeline(instance, tenant) {
  const steps = instance.steps ?? [];
  if (!steps.length) return h('p', {}, 'No steps yet.');
  const now = Date.now();
  const t = (v) => (v ? Date.parse(v) : now);
  const start = Math.min(t(instance.startedAt ?? instance.createdAt), ...steps.map((s) => t(s.start)));
  const end = Math.max(start + 1, instance.endedAt ? t(instance.endedAt) : now,
    ...steps.flatMap((s) => [t(s.end), ...(s.attempts ?? []).map((a) => t(a.end))]));
  const span = end - start;
  const place = (el, from, to) => {
    el.style.left = `${((from - start) / span) * 100}%`;
    el.style.width = `max(3px, ${((Math.max(to, from) - from) / span) * 100}%)`;
    return el;
  };
  const seconds = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`);

  const rows = steps.map((s) => {
    const label = `${s.name}${s.count > 1 ? ` #${s.count}` : ''}`;
    const track = h('div', { class: 'track' });
    let summary;
    if (s.type === 'step') {
      const attempts = s.attempts ?? [];
      const failed = attempts.filter((a) => !a.success).length;
      summary = `${s.status ?? ''} · ${attempts.length} attempt(s)${failed ? `, ${failed} failed` : ''}`;
      for (const a of attempts) {
        const text = `${label} attempt ${a.attempt}: ${a.success ? 'succeeded' : `failed${a.error ? ` (${a.error.name}: ${a.error.message})` : ''}`}, ${seconds(t(a.end) - t(a.start))}`;
        track.append(place(h('span', { class: `bar attempt ${a.success ? 'ok' : 'failed'}`, title: text, role: 'img', 'aria-label': text },
          a.success ? '' : '✕'), t(a.start), t(a.end)));
      }
      if (!attempts.length || (s.status === 'running' && !s.end)) {
        track.append(place(h('span', { class: 'bar attempt running', title: `${label}: running`, role: 'img', 'aria-label': `${label}: running` }), t(s.start), now));
      }
    } else {
      const kind = s.type === 'sleep' ? 'sleep' : s.type === 'waitForEvent' ? 'wait' : 'child';
      const state = s.type === 'childWorkflow' ? (s.status ?? '') : s.finished ? (s.error ? 'timed out' : 'finished') : 'in progress';
      summary = `${s.type} · ${state}`;
      const text = `${label}: ${s.type} ${state}, ${seconds(t(s.end) - t(s.start))}`;
      track.append(place(h('span', { class: `bar span ${kind}${s.end ? '' : ' open'}`, title: text, role: 'img', 'aria-label': text }), t(s.start), t(s.end)));
    }
    const name = s.type === 'childWorkflow' && s.instanceId
      ? h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances/${encodeURIComponent(s.instanceId)}` }, label)
      : label;
    return h('li', { class: `row type-${s.type}`, 'data-step': s.name },
      h('div', { class: 'label' }, h('span', { class: 'name' }, name), h('span', { class: 'summary' }, summary)), track);
  });

  return h('figure', { class: 'timeline' },
    h('figcaption', {}, `Steps on a time axis: ${seconds(span)} from the start. Green: attempt succeeded; red ✕: attempt failed; hatched: sleep or wait.`),
    h('div', { class: 'axis', 'aria-hidden': 'true' },
      h('span', {}, '0'), h('span', {}, seconds(span / 2)), h('span', {}, seconds(span))),
    h('ol', { class: 'rows' }, rows));
}
