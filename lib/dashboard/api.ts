// The JSON API the page reads: config, the overview rows, one loop's detail, a page of its event
// timeline and the other domains' views. Every answer is derived now from the read model's folds;
// the bodies are answers.ts's. The runner refreshes the model first and passes the ports (the views'
// commands and the timeline's reader are the edge's).
import { isoSeconds } from '../core/time.js';
import { eventsBody, noLoopBody, overviewBody } from './answers.js';
import type { Section } from './domain-views.js';
import type { LoopModel } from './loop-model.js';
import { pageQuery, type EventsPage } from './paging.js';
import type { ReadModel } from './read-model.js';
import type { Route } from './routes.js';

/** An HTTP status and the JSON body to send. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The query string of a request. */
export interface Query {
  get(name: string): string | null;
}

export interface RenderedView {
  readonly name: string;
  readonly title: string;
  readonly sections: readonly Section[];
}

export interface ApiPorts {
  readonly model: ReadModel;
  /** The page's clock (a fixed --as-of, or the system clock). */
  readonly clock: () => number;
  readonly asOfIso: string | null;
  readonly controlEnabled: boolean;
  readonly controlTimeoutSeconds: number;
  /** The other domains' views this repo has. */
  views(): Promise<readonly { readonly name: string; readonly title: string }[]>;
  /** The view named `name` rendered now; null when this repo has no such view. */
  renderView(name: string): Promise<RenderedView | null>;
  /** One page of the loop's events.jsonl, newest first, before `query.before`. */
  eventsPage(
    m: LoopModel,
    query: { readonly before: number | null; readonly limit: number },
  ): Promise<EventsPage>;
}

const asOfOf = (c: ApiPorts) => {
  const ms = c.clock();
  return { ms, iso: isoSeconds(ms) };
};

const ok = (body: unknown): Answer => ({ status: 200, body });

const noLoop = (c: ApiPorts, loopId: string): Answer => ({
  status: 404,
  body: noLoopBody(loopId, c.model.current),
});

const namesOf = async (c: ApiPorts) => (await c.views()).map((v) => ({ name: v.name, title: v.title }));

const configAnswer = async (c: ApiPorts): Promise<Answer> => {
  const views = await namesOf(c);
  return ok({
    repo: c.model.repo,
    asOf: c.asOfIso,
    control: c.controlEnabled,
    controlTimeoutSeconds: c.controlTimeoutSeconds,
    views,
    version: c.model.version,
  });
};

const loopsAnswer = (c: ApiPorts, q: Query): Answer => {
  const asOf = asOfOf(c);
  const meta = { version: c.model.version, generatedAt: asOf.iso, repo: c.model.repo };
  const query = { sort: q.get('sort'), dir: q.get('dir') };
  return ok(overviewBody(meta, c.model.current, c.model.rows(asOf), query));
};

const loopAnswer = async (c: ApiPorts, loopId: string): Promise<Answer> => {
  const m = c.model.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const detail = await m.detail(asOfOf(c));
  const failure = c.model.failureOf(loopId);
  return ok({ version: c.model.version, generatedAt: asOfOf(c).iso, failure, ...detail });
};

const eventsAnswer = async (c: ApiPorts, loopId: string, q: Query): Promise<Answer> => {
  const m = c.model.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const query = pageQuery(q.get('before'), q.get('limit'));
  if (!query.ok) return { status: 400, body: { error: query.error } };
  const file = m.files.shown(m.files.paths.events);
  const refused = await m.eventsRefusal();
  if (refused !== null) return ok(eventsBody(loopId, file, { kind: 'refused', reason: refused }));
  const page = await c.eventsPage(m, query);
  if (page.kind === 'bad_request') return { status: 400, body: { error: page.error } };
  return ok(eventsBody(loopId, file, page));
};

const viewAnswer = async (c: ApiPorts, name: string): Promise<Answer> => {
  const rendered = await c.renderView(name);
  if (rendered === null) return { status: 404, body: { error: `no ${name} view in this repo` } };
  return ok({ generatedAt: asOfOf(c).iso, ...rendered });
};

/** The answer to an API route (the read model already refreshed). */
export const apiAnswer = async (c: ApiPorts, r: Route, q: Query): Promise<Answer> => {
  if (r.kind === 'config') return configAnswer(c);
  if (r.kind === 'loops') return loopsAnswer(c, q);
  if (r.kind === 'loop') return loopAnswer(c, r.loopId);
  if (r.kind === 'events') return eventsAnswer(c, r.loopId, q);
  if (r.kind === 'views') return ok({ views: await namesOf(c) });
  if (r.kind === 'view') return viewAnswer(c, r.name);
  return { status: 404, body: { error: 'not found' } };
};
