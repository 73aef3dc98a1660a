/* global document, window, EventSource */
// The page shell: reads /api/config, routes on the URL hash (#/ overview, #/loop/<id> detail,
// #/view/<name> another domain), and keeps one Server-Sent Events stream open; every `change`
// event asks the view on screen to update itself.
import { errorOf, getJson } from './api.js';
import { add, clear, h } from './dom.js';
import { mountOverview } from './overview.js';
import { mountDetail } from './detail.js';
import { mountView } from './views.js';
import { setupToken } from './control.js';

const app = document.getElementById('app');
const live = document.getElementById('live');
const ctx = { config: null, sort: { key: 'health', dir: 'desc' } };
let current = null;
let pending = null;
const AGE_REFRESH_MS = 30_000;

const routeOf = (hash) => {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'loop' && parts[1]) return { view: 'loop', id: parts[1] };
  if (parts[0] === 'view' && parts[1]) return { view: 'domain', name: parts[1] };
  return { view: 'overview' };
};

const setLive = (state, text) => {
  live.dataset.state = state;
  live.textContent = text;
};

const renderNav = (config) => {
  const nav = document.getElementById('nav');
  clear(nav);
  nav.append(h('a', { href: '#/' }, 'Loops'));
  for (const v of config.views ?? [])
    nav.append(h('a', { href: `#/view/${encodeURIComponent(v.name)}` }, v.title));
  document.getElementById('repo').textContent = config.asOf
    ? `${config.repo} · as of ${config.asOf}`
    : config.repo;
};

const show = () => {
  const r = routeOf(window.location.hash);
  clear(app);
  if (r.view === 'loop') current = mountDetail(app, ctx, r.id);
  else if (r.view === 'domain') current = mountView(app, ctx, r.name);
  else current = mountOverview(app, ctx);
};

// Several changes in a burst cost one update.
const onChange = (change) => {
  if (pending !== null) return;
  pending = window.setTimeout(() => {
    pending = null;
    if (current !== null) current.update(change);
  }, 50);
};

const connect = () => {
  const es = new EventSource('/api/events');
  // A (re)connection may have missed changes: the view reads again.
  es.addEventListener('hello', () => {
    setLive('live', 'live');
    onChange(null);
  });
  es.addEventListener('change', (e) => {
    setLive('live', 'live');
    onChange(JSON.parse(e.data));
  });
  es.addEventListener('error', () => setLive('offline', 'reconnecting…'));
};

const boot = async () => {
  const r = await getJson('/api/config');
  if (!r.ok) {
    add(clear(app), h('p', { class: 'state error' }, `Cannot load the dashboard: ${errorOf(r)}`));
    return;
  }
  ctx.config = r.body;
  renderNav(r.body);
  setupToken(r.body.control);
  window.addEventListener('hashchange', show);
  show();
  connect();
  // Ages grow while nothing changes on disk: re-read now and then, unless the clock is fixed (--as-of).
  if (!r.body.asOf) window.setInterval(() => current?.update(null), AGE_REFRESH_MS);
};

void boot();
