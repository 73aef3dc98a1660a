// The JSON API's other pages (one page of a loop's event timeline, the other domains' views) and
// which answer a route gets.
import { eventsBody } from '../../lib/dashboard/answers.js';
import { pageQuery } from '../../lib/dashboard/paging.js';
import type { Answer } from './control.js';
import type { Route } from '../../lib/dashboard/routes.js';
import { asOfOf, configAnswer, loopAnswer, loopsAnswer, noLoop, ok, type ApiContext } from './api.js';
import { availableViews, renderView } from './domain-views.js';
import { readEventsPage } from './events-page.js';
import { refusalOf } from './file-checks.js';

const eventsAnswer = async (c: ApiContext, loopId: string, q: URLSearchParams): Promise<Answer> => {
  const m = c.store.model(loopId);
  if (m === undefined) return noLoop(c, loopId);
  const query = pageQuery(q.get('before'), q.get('limit'));
  if (!query.ok) return { status: 400, body: { error: query.error } };
  const file = m.files.shown(m.files.paths.events);
  const refused = await refusalOf(m.files.root, m.files.paths.events);
  if (refused !== null) return ok(eventsBody(loopId, file, { kind: 'refused', reason: refused }));
  const page = await readEventsPage(m.files.paths.events, m.index, query);
  if (page.kind === 'bad_request') return { status: 400, body: { error: page.error } };
  return ok(eventsBody(loopId, file, page));
};

const viewsAnswer = async (c: ApiContext): Promise<Answer> => {
  const views = availableViews(await c.commands(), c.store.repo);
  return ok({ views: views.map((v) => ({ name: v.name, title: v.title })) });
};

const viewAnswer = async (c: ApiContext, name: string): Promise<Answer> => {
  const commands = await c.commands();
  const view = availableViews(commands, c.store.repo).find((v) => v.name === name);
  if (view === undefined) return { status: 404, body: { error: `no ${name} view in this repo` } };
  const rendered = await renderView(commands, view, { repo: c.store.repo, asOf: c.asOfIso, io: c.viewIo });
  return ok({ generatedAt: asOfOf(c).iso, ...rendered });
};

/** The answer to an API route (the store already refreshed). */
export const apiAnswer = (c: ApiContext, r: Route, q: URLSearchParams): Answer | Promise<Answer> => {
  if (r.kind === 'config') return configAnswer(c);
  if (r.kind === 'loops') return loopsAnswer(c, q);
  if (r.kind === 'loop') return loopAnswer(c, r.loopId);
  if (r.kind === 'events') return eventsAnswer(c, r.loopId, q);
  if (r.kind === 'views') return viewsAnswer(c);
  if (r.kind === 'view') return viewAnswer(c, r.name);
  return { status: 404, body: { error: 'not found' } };
};
