import { ApiError, get, session, tenantPath } from '../api.js';
import { alertBox, h, replace } from '../dom.js';
import { home } from '../app.js';

// Signs in with a key: the admin key can list tenants; a tenant key is checked against its tenant.
export function renderSignIn(main) {
  const slot = alertBox(null);
  const key = h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const tenant = h('input', { id: 'tenant', name: 'tenant', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'tenant-help' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in'),
    h('p', {}, 'Enter the operator\'s admin key, or a tenant key with its tenant. The key stays in this tab only (session storage).'),
    h('label', { for: 'key' }, 'API key'), key,
    h('label', { for: 'tenant' }, 'Tenant'), tenant,
    h('p', { id: 'tenant-help', class: 'help' }, 'Needed with a tenant key; leave empty with the admin key.'),
    submit, slot);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(slot);
    slot.className = 'alert-slot';
    try {
      const info = await identify(key.value.trim(), tenant.value.trim());
      session.save(key.value.trim(), info);
      location.hash = home();
    } catch (error) {
      slot.replaceWith(alertBox(error));
    } finally {
      submit.disabled = false;
    }
  });
  replace(main, form);
  key.focus();
}

async function identify(key, tenant) {
  if (tenant) {
    // The tenant's own endpoint first: through the router, /v1/tenants answers 401 (not 403) to a tenant key.
    await get(`${tenantPath(tenant)}/workflows`, { key });
    const admin = await get('/v1/tenants', { key }).then(() => true, () => false);
    return { admin, tenant };
  }
  try {
    await get('/v1/tenants', { key });
    return { admin: true, tenant: null };
  } catch (error) {
    // 403: a valid key that is not the admin key, so a tenant key without its tenant; anything else is the answer.
    if (error instanceof ApiError && error.status === 403) {
      throw new ApiError(400, { title: 'Tenant needed', detail: 'This is a tenant key: enter the tenant it belongs to.' });
    }
    throw error;
  }
}
