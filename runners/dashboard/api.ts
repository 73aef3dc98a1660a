// The JSON API's ports over the edge: the other domains' views run their commands in-process, and a
// loop's timeline is read backwards from events.jsonl. The answers are lib/dashboard/api.ts's.
import type { ApiPorts } from '../../lib/dashboard/api.js';
import { availableViews, renderView } from './domain-views.js';
import { readEventsPage } from './events-page.js';
import type { DashboardOptions } from './options.js';

export const apiPorts = (o: DashboardOptions): ApiPorts => ({
  model: o.store,
  clock: o.clock,
  asOfIso: o.asOfIso,
  controlEnabled: o.control.tokenDigest !== null,
  controlTimeoutSeconds: o.control.timeoutSeconds,
  views: async () => availableViews(await o.commands(), o.store.repo),
  async renderView(name) {
    const commands = await o.commands();
    const view = availableViews(commands, o.store.repo).find((v) => v.name === name);
    if (view === undefined) return null;
    return renderView(commands, view, {
      repo: o.store.repo,
      asOf: o.asOfIso,
      io: o.viewIo,
      domains: o.domains,
    });
  },
  eventsPage: (m, query) => readEventsPage(m.files.paths.events, m.index, query),
});
