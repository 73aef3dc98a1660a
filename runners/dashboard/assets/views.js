// Views of the other domains (harness, queue, promotion): each section is what that domain's own
// command printed, shown as a table when it is JSON with rows, as text otherwise. The page adds
// nothing of its own: the domain's command is the truth.
import { errorOf, getJson } from './api.js';
import { add, clear, h, table } from './dom.js';

const MAX_COLUMNS = 10;

const cell = (v) => {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

const rowsTable = (rows) => {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, MAX_COLUMNS);
  return table(
    cols,
    rows.map((r) =>
      h(
        'tr',
        {},
        cols.map((c) => h('td', { 'data-col': c }, cell(r[c]))),
      ),
    ),
    { class: 'rows' },
  );
};

const isRows = (v) =>
  Array.isArray(v) &&
  v.length > 0 &&
  v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));

/** JSON as tables for arrays of objects, a label/value list for the rest (two levels deep). */
const renderJson = (v, depth = 0) => {
  if (isRows(v)) return rowsTable(v);
  if (v === null || typeof v !== 'object' || depth > 1) return h('code', {}, cell(v));
  return h(
    'dl',
    { class: 'pairs' },
    Object.entries(v).map(([k, x]) => [h('dt', {}, k), h('dd', {}, renderJson(x, depth + 1))]),
  );
};

const textBlock = (text) =>
  h(
    'pre',
    { class: 'text' },
    text
      .split('\n')
      .map((line) => h('span', { class: line.startsWith('alert') ? 'alert-line' : '' }, `${line}\n`)),
  );

const sectionOf = (s) =>
  h(
    'section',
    { class: 'panel', 'data-section': s.title },
    h('h2', {}, s.title),
    h('p', { class: 'meta' }, h('code', {}, s.source)),
    s.error ? h('p', { class: 'state error' }, s.error) : null,
    s.json !== null && s.json !== undefined ? renderJson(s.json) : s.text ? textBlock(s.text) : null,
  );

export const mountView = (root, ctx, name) => {
  const load = async () => {
    const r = await getJson(`/api/views/${encodeURIComponent(name)}`);
    if (!r.ok) {
      add(clear(root), h('p', { class: 'state error' }, errorOf(r)));
      return;
    }
    add(
      clear(root),
      h('h1', {}, r.body.title),
      h(
        'p',
        { class: 'meta' },
        `as of ${r.body.generatedAt} · `,
        h('button', { type: 'button', onclick: () => void load() }, 'Refresh'),
      ),
      ...r.body.sections.map(sectionOf),
    );
  };
  void load();
  return { update: load };
};
