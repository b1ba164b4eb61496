import { get, tenantPath } from '../api.js';
import { alertBox, h, replace, time } from '../dom.js';

// A tenant's uploaded versions (which one is active) and the workflows of each.
export async function renderDeployments(main, [tenant]) {
  let list;
  let workflows;
  try {
    [list, workflows] = await Promise.all([get(`${tenantPath(tenant)}/deployments`), get(`${tenantPath(tenant)}/workflows`)]);
  } catch (error) {
    replace(main, h('h1', {}, `Deployments of ${tenant}`), alertBox(error));
    return;
  }
  const link = (w) => h('a', { href: `#/t/${encodeURIComponent(tenant)}/instances?workflow=${encodeURIComponent(w)}` }, w);
  replace(main,
    h('h1', {}, `Deployments of ${tenant}`),
    h('h2', {}, 'Active workflows'),
    workflows.length
      ? h('ul', { class: 'plain' }, workflows.map((w) => h('li', {}, link(w.name), ` (version ${w.version})`,
        w.triggers?.length ? ` · triggers: ${w.triggers.join(', ')}` : '')))
      : h('p', {}, 'No active version: upload a deployment with the CLI or the API.'),
    h('h2', {}, 'Versions'),
    list.versions.length
      ? h('table', {},
        h('thead', {}, h('tr', {}, ['Version', 'Active', 'Uploaded', 'Workflows', 'SHA-256'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, [...list.versions].reverse().map((v) => h('tr', {},
          h('th', { scope: 'row' }, v.version),
          h('td', {}, v.version === list.active ? h('strong', {}, '✓ active') : 'no'),
          h('td', {}, time(v.uploadedAt)),
          h('td', {}, v.workflows.flatMap((w, i) => (i ? [', ', link(w)] : [link(w)]))),
          h('td', {}, h('code', { title: v.sha256 }, v.sha256.slice(0, 12)))))))
      : h('p', {}, 'No deployments yet.'));
}
