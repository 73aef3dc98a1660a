// The event timeline, newest first, paged backwards by byte offset. A live update fetches the newest
// page again and puts only the events newer than the ones shown on top; older pages stay as loaded.
import { errorOf, getJson } from './api.js';
import { add, clear, h } from './dom.js';

const LIMIT = 50;

const rowOf = (file, it) =>
  it.kind === 'corrupt'
    ? h(
        'tr',
        { class: 'corrupt', 'data-line': it.line },
        h('td', {}, String(it.line)),
        h(
          'td',
          { colspan: 6 },
          `corrupt at ${file}:${it.line}:${it.byteOffset}: ${it.reason}`,
          h('code', {}, it.excerpt),
        ),
      )
    : h(
        'tr',
        { 'data-line': it.line },
        h('td', {}, String(it.line)),
        h('td', {}, it.timestamp ?? '—'),
        h('td', {}, h('code', {}, it.event || '(unnamed)')),
        h('td', {}, it.role ?? ''),
        h('td', {}, it.iteration ?? ''),
        h('td', {}, it.status ?? ''),
        h('td', { class: 'detail' }, it.detail ?? ''),
      );

export const mountTimeline = (root, loopId) => {
  const path = `/api/loops/${encodeURIComponent(loopId)}/events`;
  const state = { items: [], nextBefore: null, file: '', tornTail: null, error: null, missing: false };
  const tbody = h('tbody');
  const foot = h('div', { class: 'timeline-foot' });
  const render = () => {
    add(clear(tbody), ...state.items.map((it) => rowOf(state.file, it)));
    add(
      clear(foot),
      state.error ? h('p', { class: 'state error' }, state.error) : null,
      state.missing ? h('p', { class: 'state empty' }, `${state.file} is missing: no events yet.`) : null,
      !state.missing && state.items.length === 0 && !state.error
        ? h('p', { class: 'state empty' }, `${state.file} has no events yet.`)
        : null,
      state.tornTail
        ? h(
            'p',
            { class: 'state note' },
            `${state.tornTail.bytes} byte(s) of an unfinished last line are not shown yet.`,
          )
        : null,
      state.nextBefore === null
        ? null
        : h(
            'button',
            { type: 'button', 'data-action': 'older', onclick: () => void older() },
            'Load older events',
          ),
    );
  };
  const fetchPage = async (before) => {
    const r = await getJson(`${path}?limit=${LIMIT}${before === null ? '' : `&before=${before}`}`);
    if (!r.ok) {
      state.error = `Cannot load events: ${errorOf(r)}`;
      return null;
    }
    state.error = null;
    state.file = r.body.file;
    state.missing = r.body.kind === 'missing';
    return r.body;
  };
  const newest = async () => {
    const page = await fetchPage(null);
    if (page !== null) {
      const top = state.items[0]?.byteOffset ?? -1;
      const fresh = page.items.filter((it) => it.byteOffset > top);
      // A log that shrank, or more new events than a page (a gap), starts the list over.
      const restart =
        state.items.length === 0 ||
        (page.items[0]?.byteOffset ?? -1) < top ||
        fresh.length === page.items.length;
      state.items = restart ? page.items : [...fresh, ...state.items];
      if (restart) state.nextBefore = page.nextBefore;
      state.tornTail = page.tornTail ?? null;
    }
    render();
  };
  const older = async () => {
    const page = await fetchPage(state.nextBefore);
    if (page !== null) {
      state.items = [...state.items, ...page.items];
      state.nextBefore = page.nextBefore;
    }
    render();
  };
  add(
    root,
    h(
      'table',
      { class: 'timeline' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Line', 'Time', 'Event', 'Role', 'Iter', 'Status', 'Detail'].map((x) =>
            h('th', { scope: 'col' }, x),
          ),
        ),
      ),
      tbody,
    ),
    foot,
  );
  void newest();
  return { update: newest };
};
