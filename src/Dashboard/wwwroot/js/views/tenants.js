import { get, post } from '../api.js';
import { alertBox, h, replace, time } from '../dom.js';

// The operator's view: every tenant, and a form to create one (its key is shown once).
export async function renderTenants(main) {
  let tenants;
  try {
    tenants = await get('/v1/tenants');
  } catch (error) {
    replace(main, h('h1', {}, 'Tenants'), alertBox(error));
    return;
  }
  const slot = alertBox(null);
  const id = h('input', { id: 'new-tenant', name: 'id', required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'inline', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create a tenant'),
    h('label', { for: 'new-tenant' }, 'Tenant id'), id,
    h('button', { type: 'submit' }, 'Create'), slot);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await post('/v1/tenants', { id: id.value.trim() });
      const note = h('div', { role: 'status', class: 'notice' },
        `Tenant ${created.id} created. Its key is shown only now: `, h('code', { class: 'secret' }, created.apiKey));
      await renderTenants(main);
      main.querySelector('h1').after(note);
    } catch (error) {
      form.querySelector('[role=alert]').replaceWith(alertBox(error));
    }
  });
  const rows = tenants.map((t) => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/t/${encodeURIComponent(t.id)}/instances` }, t.id)),
    h('td', {}, time(t.createdAt)),
    h('td', {}, t.activeVersion ?? '—'),
    h('td', {}, t.frozen ? 'frozen' : 'no'),
    h('td', {}, h('a', { href: `#/t/${encodeURIComponent(t.id)}/deployments` }, 'Deployments'))));
  replace(main,
    h('h1', {}, 'Tenants'),
    tenants.length
      ? h('table', {}, h('caption', {}, `${tenants.length} tenant(s)`),
        h('thead', {}, h('tr', {}, ['Tenant', 'Created', 'Active version', 'Frozen', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows))
      : h('p', {}, 'No tenants yet.'),
    form);
}
