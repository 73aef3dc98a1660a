// The JSON API the page reads: config, the overview rows and one loop's detail. Every answer is
// derived now from the store's folds; the bodies are lib/dashboard/answers.ts's.
import { noLoopBody, overviewBody } from '../../lib/dashboard/answers.js';
import { isoSeconds } from '../../lib/core/time.js';
import type { Command, Io } from '../cli/command.js';
import type { Answer } from './control.js';
import { availableViews } from './domain-views.js';
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

export const asOfOf = (c: ApiContext) => {
  const ms = c.clock();
  return { ms, iso: isoSeconds(ms) };
};

export const ok = (body: unknown): Answer => ({ status: 200, body });

export const noLoop = (c: ApiContext, loopId: string): Answer => ({
  status: 404,
  body: noLoopBody(loopId, c.store.current),
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
  const meta = { version: c.store.version, generatedAt: asOf.iso, repo: c.store.repo };
  const query = { sort: q.get('sort'), dir: q.get('dir') };
  return ok(overviewBody(meta, c.store.current, c.store.rows(asOf), query));
};

export const loopAnswer = async (c: ApiContext, loopId: string): Promise<Answer> => {
  const m = c.store.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const detail = await m.detail(asOfOf(c));
  const failure = c.store.failureOf(loopId);
  return ok({ version: c.store.version, generatedAt: asOfOf(c).iso, failure, ...detail });
};
