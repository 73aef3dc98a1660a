/* global window */
// The overview: one row per loop, unhealthy first; column headers sort (the server sorts, so the
// order rules live in one tested place). A click anywhere on a row opens the loop.
import { errorOf, getJson } from './api.js';
import { add, age, badge, clear, h, problemText } from './dom.js';

const COLUMNS = [
  ['loop', 'Loop'],
  ['health', 'Health'],
  [null, 'Reasons'],
  ['lifecycle', 'Lifecycle'],
  ['age', 'Last event'],
  ['cursor', 'Cursor'],
  ['escalations', 'Escalations'],
  ['control', 'Last control'],
];

const open = (id) => {
  window.location.hash = `#/loop/${encodeURIComponent(id)}`;
};

const loopCell = (r) =>
  h(
    'td',
    { class: 'loop' },
    h('a', { href: `#/loop/${encodeURIComponent(r.loopId)}` }, r.loopId),
    r.enabled === false ? h('span', { class: 'tag' }, 'disabled') : null,
    r.problems.length === 0
      ? null
      : h(
          'ul',
          { class: 'problems' },
          r.problems.map((p) => h('li', { 'data-kind': p.kind }, problemText(p))),
        ),
  );

const cursorText = (r) => {
  if (r.cursor === null) return r.eventLines === null ? '—' : `not ingested (${r.eventLines} lines)`;
  const pending = r.pendingLines ? ` (+${r.pendingLines} pending)` : '';
  return `${r.cursor.eventLineOffset}/${r.eventLines ?? '?'}${pending}`;
};

const controlText = (c) => {
  if (c === null) return '—';
  const why = c.reasonCode ? ` (${c.reasonCode})` : '';
  return `${c.intent ?? '?'} ${c.status ?? '?'}${why}`;
};

const rowOf = (r) =>
  h(
    'tr',
    { 'data-loop-id': r.loopId, 'data-level': r.level, class: 'clickable', onclick: () => open(r.loopId) },
    loopCell(r),
    h('td', {}, badge(r.level)),
    h(
      'td',
      { class: 'reasons' },
      r.health.reasonCodes.map((c) => h('code', {}, c)),
    ),
    h(
      'td',
      { 'data-source': r.sources.lifecycle, title: r.sources.note ?? '' },
      r.lifecycle.state,
      r.lifecycle.confidence ? h('small', {}, ` (${r.lifecycle.confidence})`) : null,
      r.sources.lifecycle === 'events' ? h('small', { class: 'source' }, ' · from events') : null,
    ),
    h(
      'td',
      { title: r.lastEvent.at ?? '' },
      r.lastEventAgeSeconds === null ? '—' : `${age(r.lastEventAgeSeconds)} ago`,
      r.lastEvent.name ? h('small', {}, ` ${r.lastEvent.name}`) : null,
    ),
    h('td', {}, cursorText(r)),
    h(
      'td',
      { class: r.escalations.open > 0 ? 'warn' : '' },
      String(r.escalations.open),
      r.escalations.unkeyed ? h('small', {}, ` +${r.escalations.unkeyed} unkeyed`) : null,
    ),
    h('td', { title: r.lastControl?.timestamp ?? '' }, controlText(r.lastControl)),
  );

const header = (sort, onSort) =>
  h(
    'thead',
    {},
    h(
      'tr',
      {},
      COLUMNS.map(([key, label]) => {
        if (key === null) return h('th', { scope: 'col' }, label);
        const active = sort.key === key;
        const next = active && sort.dir === 'desc' ? 'asc' : 'desc';
        const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
        const arrow = active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
        return h(
          'th',
          { scope: 'col', 'aria-sort': ariaSort },
          h(
            'button',
            { type: 'button', 'data-sort': key, onclick: () => onSort({ key, dir: next }) },
            label + arrow,
          ),
        );
      }),
    ),
  );

const summary = (body) => {
  const c = body.counts;
  const src =
    body.source === 'registry'
      ? `fleet registry${body.fleetId ? ` ${body.fleetId}` : ''}`
      : '.superloop/loops/';
  return h(
    'p',
    { class: 'summary' },
    `${body.rows.length} loop${body.rows.length === 1 ? '' : 's'} from ${src} · `,
    ['critical', 'degraded', 'unknown', 'healthy'].flatMap((l) =>
      c[l] > 0 ? [badge(l, `${c[l]} ${l}`), ' '] : [],
    ),
  );
};

const notices = (body) => [
  body.registry && body.registry.kind !== 'ok'
    ? h(
        'p',
        { class: 'state error', 'data-kind': body.registry.kind },
        `Fleet registry: ${problemText(body.registry)}`,
      )
    : null,
  ...body.notes.map((n) => h('p', { class: 'state note' }, n)),
];

const empty = () =>
  h(
    'p',
    { class: 'state empty' },
    'No loops found: .superloop/loops/ has no loop directories and there is no fleet registry ' +
      '(.superloop/ops-manager/fleet/registry.v1.json).',
  );

export const mountOverview = (root, ctx) => {
  const render = (body) => {
    add(
      clear(root),
      h('h1', {}, 'Loops'),
      summary(body),
      ...notices(body),
      body.rows.length === 0
        ? empty()
        : h('table', { class: 'loops' }, header(body.sort, onSort), h('tbody', {}, body.rows.map(rowOf))),
    );
  };
  const load = async () => {
    const r = await getJson(`/api/loops?sort=${ctx.sort.key}&dir=${ctx.sort.dir}`);
    if (!r.ok) add(clear(root), h('p', { class: 'state error' }, `Cannot load the loops: ${errorOf(r)}`));
    else render(r.body);
  };
  const onSort = (sort) => {
    ctx.sort = sort;
    void load();
  };
  void load();
  return { update: load };
};
