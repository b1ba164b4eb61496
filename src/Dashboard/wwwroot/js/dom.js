// A small element builder: text always goes in as text nodes, never as HTML, so API data cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function time(value) {
  if (!value) return '—';
  const d = new Date(value);
  return h('time', { datetime: value, title: value }, d.toLocaleString(undefined, { hour12: false }));
}

export function json(value) {
  return h('pre', { class: 'json', tabindex: '0' }, value === undefined || value === null ? 'null' : JSON.stringify(value, null, 2));
}

const statusSymbols = {
  complete: '✓', errored: '✕', terminated: '■', running: '▶', queued: '…', paused: '‖', waitingForPause: '‖…', waiting: '◷',
};

// Status shown as a word and a symbol as well as a colour, so colour is never the only signal.
export function statusBadge(status) {
  return h('span', { class: `status status-${status}`, 'data-status': status },
    h('span', { 'aria-hidden': 'true' }, statusSymbols[status] ?? '•'), ' ', status);
}

export function alertBox(error) {
  if (!error) return h('div', { role: 'alert', class: 'alert-slot' });
  const fields = error.errors ? Object.entries(error.errors).map(([k, v]) => h('li', {}, `${k}: ${[].concat(v).join(' ')}`)) : [];
  return h('div', { role: 'alert', class: 'alert' },
    h('strong', {}, error.title ?? 'Error'), ' ', error.message,
    fields.length ? h('ul', {}, fields) : null);
}

export const statuses = ['queued', 'running', 'paused', 'waitingForPause', 'waiting', 'complete', 'errored', 'terminated'];
