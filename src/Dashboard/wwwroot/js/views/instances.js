import { get, tenantPath } from '../api.js';
import { alertBox, h, replace, statusBadge, statuses, time } from '../dom.js';

const pageSize = 25;

// Instances of a tenant, filtered by workflow and status, paged with the API's cursor (kept in the address, so the
// back button and a reload keep the page; "previous" pages are the cursors seen before).
export async function renderInstances(main, [tenant], query) {
  const workflow = query.get('workflow') ?? '';
  const status = query.get('status') ?? '';
  const cursor = query.get('cursor') ?? '';
  const trail = (query.get('trail') ?? '').split(',').filter(Boolean);
  const search = new URLSearchParams({ limit: String(pageSize) });
  if (workflow) search.set('workflow', workflow);
  if (status) search.set('status', status);
  if (cursor) search.set('cursor', cursor);

  let page;
  let workflows = [];
  try {
    [page, workflows] = await Promise.all([
      get(`${tenantPath(tenant)}/instances?${search}`),
      get(`${tenantPath(tenant)}/workflows`).catch(() => []),
    ]);
  } catch (error) {
    replace(main, h('h1', {}, `Instances of ${tenant}`), alertBox(error));
    return;
  }

  const href = (changes) => {
    const next = new URLSearchParams({ workflow, status, cursor, trail: trail.join(',') });
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    for (const [k, v] of [...next]) if (!v) next.delete(k);
    const text = next.toString();
    return `#/t/${encodeURIComponent(tenant)}/instances${text ? `?${text}` : ''}`;
  };

  const workflowSelect = h('select', { id: 'filter-workflow', name: 'workflow' },
    h('option', { value: '' }, 'All workflows'),
    [...new Set([...workflows.map((w) => w.name), workflow].filter(Boolean))].map((w) => h('option', { value: w, selected: w === workflow }, w)));
  const statusSelect = h('select', { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    statuses.map((s) => h('option', { value: s, selected: s === status }, s)));
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter instances' },
    h('label', { for: 'filter-workflow' }, 'Workflow'), workflowSelect,
    h('label', { for: 'filter-status' }, 'Status'), statusSelect,
    h('button', { type: 'submit' }, 'Apply'));
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = href({ workflow: workflowSelect.value, status: statusSelect.value, cursor: '', trail: '' });
  });

  const rows = page.items.map((i) => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances/${encodeURIComponent(i.id)}` }, i.id)),
    h('td', {}, i.workflow),
    h('td', {}, i.version),
    h('td', {}, statusBadge(i.status)),
    h('td', {}, time(i.createdAt)),
    h('td', {}, time(i.endedAt))));
  const previous = trail.length || cursor
    ? h('a', { class: 'button', rel: 'prev', href: href({ cursor: trail.at(-1) ?? '', trail: trail.slice(0, -1).join(',') }) }, '← Previous page')
    : null;
  const next = page.nextCursor
    ? h('a', { class: 'button', rel: 'next', href: href({ cursor: page.nextCursor, trail: [...trail, cursor].join(',') }) }, 'Next page →')
    : null;

  replace(main,
    h('h1', {}, `Instances of ${tenant}`),
    filters,
    page.items.length
      ? h('table', { class: 'instances' },
        h('caption', {}, `${page.items.length} instance(s) on this page`),
        h('thead', {}, h('tr', {}, ['Instance', 'Workflow', 'Version', 'Status', 'Created', 'Ended'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))
      : h('p', {}, 'No instances match.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, next));
}
