// The JSON API the page reads: config, the overview rows, one loop's detail, one page of its event
// timeline, and the other domains' views. Every answer is derived now from the store's folds.
import { levelCounts, sortRows, sortSpecOf } from '../../lib/dashboard/overview.js';
import { pageQuery } from '../../lib/dashboard/paging.js';
import { isoSeconds } from '../../lib/core/time.js';
import type { Command, Io } from '../cli/command.js';
import type { Answer } from './control.js';
import { availableViews, renderView } from './domain-views.js';
import { readEventsPage } from './events-page.js';
import { refusalOf } from './file-checks.js';
import type { DashboardStore } from './store.js';

export interface ApiContext {
  readonly store: DashboardStore;
  readonly clock: () => number;
  readonly asOfIso: string | null;
  readonly controlEnabled: boolean;
  readonly controlTimeoutSeconds: number;
  readonly commands: () => Promise<readonly Command[]>;
  readonly viewIo: Omit<Io, 'stdout' | 'stderr'>;
}

const asOfOf = (c: ApiContext) => {
  const ms = c.clock();
  return { ms, iso: isoSeconds(ms) };
};

const ok = (body: unknown): Answer => ({ status: 200, body });

const noLoop = (c: ApiContext, loopId: string): Answer => ({
  status: 404,
  body: { error: `no such loop: ${loopId}`, loops: c.store.current.loops.map((l) => l.loopId) },
});

export const configAnswer = async (c: ApiContext): Promise<Answer> => {
  const views = availableViews(await c.commands(), c.store.repo);
  return ok({
    repo: c.store.repo,
    asOf: c.asOfIso,
    control: c.controlEnabled,
    controlTimeoutSeconds: c.controlTimeoutSeconds,
    views: views.map((v) => ({ name: v.name, title: v.title })),
    version: c.store.version,
  });
};

export const loopsAnswer = (c: ApiContext, q: URLSearchParams): Answer => {
  const asOf = asOfOf(c);
  const sort = sortSpecOf(q.get('sort'), q.get('dir'));
  const rows = sortRows(c.store.rows(asOf), sort);
  const l = c.store.current;
  return ok({
    version: c.store.version,
    generatedAt: asOf.iso,
    repo: c.store.repo,
    source: l.source,
    fleetId: l.fleetId,
    registry: l.registry,
    notes: l.notes,
    sort,
    counts: levelCounts(rows),
    rows,
  });
};

export const loopAnswer = async (c: ApiContext, loopId: string): Promise<Answer> => {
  const m = c.store.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const detail = await m.detail(asOfOf(c));
  const failure = c.store.failureOf(loopId);
  return ok({ version: c.store.version, generatedAt: asOfOf(c).iso, failure, ...detail });
};

export const eventsAnswer = async (c: ApiContext, loopId: string, q: URLSearchParams): Promise<Answer> => {
  const m = c.store.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const query = pageQuery(q.get('before'), q.get('limit'));
  if (!query.ok) return { status: 400, body: { error: query.error } };
  const file = m.files.shown(m.files.paths.events);
  const refused = await refusalOf(m.files.root, m.files.paths.events);
  if (refused !== null)
    return ok({ loopId, file, kind: 'refused', reason: refused, items: [], nextBefore: null });
  const page = await readEventsPage(m.files.paths.events, m.index, query);
  if (page.kind === 'bad_request') return { status: 400, body: { error: page.error } };
  if (page.kind === 'missing') return ok({ loopId, file, kind: 'missing', items: [], nextBefore: null });
  return ok({ loopId, file, ...page });
};

export const viewsAnswer = async (c: ApiContext): Promise<Answer> => {
  const views = availableViews(await c.commands(), c.store.repo);
  return ok({ views: views.map((v) => ({ name: v.name, title: v.title })) });
};

export const viewAnswer = async (c: ApiContext, name: string): Promise<Answer> => {
  const commands = await c.commands();
  const view = availableViews(commands, c.store.repo).find((v) => v.name === name);
  if (view === undefined) return { status: 404, body: { error: `no ${name} view in this repo` } };
  const rendered = await renderView(commands, view, { repo: c.store.repo, asOf: c.asOfIso, io: c.viewIo });
  return ok({ generatedAt: asOfOf(c).iso, ...rendered });
};
