import { session } from './api.js';
import { h, replace } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderTenants } from './views/tenants.js';
import { renderDeployments } from './views/deployments.js';
import { renderInstances } from './views/instances.js';
import { renderInstance } from './views/instance.js';

// Hash routes, so the server only ever serves index.html and its files: #/tenants, #/t/{tenant}/instances[/{id}], …
const routes = [
  [/^\/signin$/, () => renderSignIn],
  [/^\/tenants$/, () => renderTenants],
  [/^\/t\/([^/]+)\/deployments$/, () => renderDeployments],
  [/^\/t\/([^/]+)\/instances$/, () => renderInstances],
  [/^\/t\/([^/]+)\/instances\/([^/]+)$/, () => renderInstance],
];

let cleanup = null;

export function home() {
  const info = session.info;
  if (!session.key || !info) return '#/signin';
  return info.admin ? '#/tenants' : `#/t/${encodeURIComponent(info.tenant)}/instances`;
}

function parse() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

function renderNav(tenant) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const info = session.info;
  if (!session.key || !info) {
    replace(nav);
    replace(who);
    return;
  }
  const current = location.hash;
  const link = (href, text) => h('a', { href, 'aria-current': current.startsWith(href) ? 'page' : null }, text);
  const t = tenant ?? info.tenant;
  replace(nav, h('ul', {},
    info.admin ? h('li', {}, link('#/tenants', 'Tenants')) : null,
    t ? h('li', {}, link(`#/t/${encodeURIComponent(t)}/instances`, 'Instances')) : null,
    t ? h('li', {}, link(`#/t/${encodeURIComponent(t)}/deployments`, 'Deployments')) : null));
  replace(who,
    h('span', {}, info.admin ? 'Admin key' : 'Tenant key', t ? ` · tenant ${t}` : ''),
    h('button', { type: 'button', class: 'link', onclick: () => { session.clear(); location.hash = '#/signin'; } }, 'Sign out'));
}

async function route() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const { path, query } = parse();
  if (path !== '/signin' && !session.key) {
    location.hash = '#/signin';
    return;
  }
  const match = routes.map(([pattern, view]) => [path.match(pattern), view]).find(([m]) => m);
  if (!match) {
    location.hash = home();
    return;
  }
  const [m, view] = match;
  const params = m.slice(1).map(decodeURIComponent);
  const main = document.getElementById('main');
  renderNav(path.startsWith('/t/') ? params[0] : null);
  replace(main, h('p', { 'aria-live': 'polite' }, 'Loading…'));
  const result = await view()(main, params, query);
  if (typeof result === 'function') cleanup = result;
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

window.addEventListener('hashchange', route);
route();
