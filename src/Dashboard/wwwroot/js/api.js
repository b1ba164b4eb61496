// Calls the Skein API on this origin with the key kept in session storage; errors carry the API's ProblemDetails.
const keyItem = 'skein.key';
const sessionItem = 'skein.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The API answered ${status}.`);
    this.status = status;
    this.title = problem?.title ?? `HTTP ${status}`;
    this.type = problem?.type;
    this.errors = problem?.errors;
  }
}

export const session = {
  get key() { return sessionStorage.getItem(keyItem); },
  get info() { return JSON.parse(sessionStorage.getItem(sessionItem) ?? 'null'); },
  save(key, info) {
    sessionStorage.setItem(keyItem, key);
    sessionStorage.setItem(sessionItem, JSON.stringify(info));
  },
  clear() {
    sessionStorage.removeItem(keyItem);
    sessionStorage.removeItem(sessionItem);
  },
};

export function headers(key = session.key, extra = {}) {
  return { Accept: 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}), ...extra };
}

export async function call(method, path, { body, key, raw, signal } = {}) {
  const init = { method, headers: headers(key), signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = raw ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, body, options) => call('POST', path, { ...options, body });

export const tenantPath = (tenant) => `/v1/tenants/${encodeURIComponent(tenant)}`;
export const instancePath = (tenant, id) => `${tenantPath(tenant)}/instances/${encodeURIComponent(id)}`;
