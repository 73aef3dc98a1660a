/* global document */
// Small DOM helpers. Text always goes in as text nodes, never as HTML: artifact content is data.

const SVG_NS = 'http://www.w3.org/2000/svg';

const append = (el, children) => {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return el;
};

const setAttrs = (el, attrs) => {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return el;
};

/** An HTML element: h('td', { class: 'x' }, 'text', child). */
export const h = (tag, attrs, ...children) => append(setAttrs(document.createElement(tag), attrs), children);

/** An SVG element. */
export const s = (tag, attrs, ...children) =>
  append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);

export const clear = (el) => {
  while (el.firstChild) el.firstChild.remove();
  return el;
};

/** Appends children (nested arrays flattened; null, undefined and false skipped). */
export const add = (el, ...children) => append(el, children);

/** "3m 20s", "2h 5m", "4d 1h": how long ago, from whole seconds. */
export const age = (seconds) => {
  if (seconds === null || seconds === undefined) return '—';
  const s0 = Math.max(0, Math.floor(seconds));
  if (s0 < 60) return `${s0}s`;
  const m = Math.floor(s0 / 60);
  if (m < 60) return `${m}m ${s0 % 60}s`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return `${hours}h ${m % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
};

/** `file:line:byte` of a corrupt artifact, else its file. */
export const where = (a) =>
  a.kind === 'corrupt' && a.line !== undefined ? `${a.file}:${a.line}:${a.byteOffset ?? 0}` : a.file;

/** One line for an artifact that is not ok. */
export const problemText = (a) => {
  if (a.kind === 'missing') return `${a.file} is missing`;
  if (a.kind === 'empty') return `${a.file} is empty`;
  return `${where(a)}: ${a.reason ?? 'corrupt'}`;
};

export const badge = (level, text) =>
  h('span', { class: `badge ${level}`, 'data-level': level }, text ?? level);

export const section = (title, ...children) =>
  h('section', { class: 'panel' }, h('h2', {}, title), ...children);

/** A two-column list of label/value pairs (null values shown as —). */
export const pairs = (entries) =>
  h(
    'dl',
    { class: 'pairs' },
    entries.map(([k, v]) => [
      h('dt', {}, k),
      h('dd', {}, v === null || v === undefined || v === '' ? '—' : String(v)),
    ]),
  );

export const table = (headers, rows, attrs) =>
  h(
    'table',
    attrs ?? {},
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h('tbody', {}, rows),
  );
