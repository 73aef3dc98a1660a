// Where the harness's and the ops cycle's ports are wired for the dashboard, which reads both through
// them (lib/dashboard/domain-sections.ts) and never imports runners/harness or runners/cycle; their
// modules load on first use, so a page that shows neither never loads them.
import { PassThrough } from 'node:stream';
import type { DomainEdges } from '../lib/dashboard/domain-sections.js';
import type { Io } from './cli/command.js';

/** The domains' ports over the files of the repo, with `io`'s environment (the cycle's zone: TZ). */
export const domainEdges = (io: Omit<Io, 'stdout' | 'stderr'>): DomainEdges => ({
  harness: async (root) =>
    // Building the workspace prints nothing; the sinks only complete the Io it is typed to take.
    (await import('./harness/workspace.js')).workspaceOf(
      { root },
      { ...io, stdout: new PassThrough(), stderr: new PassThrough() },
    ),
  cycle: async (root) => {
    const [{ historyPorts }, { zoneOf }] = await Promise.all([
      import('./cycle/run-cycle.js'),
      import('./cycle/clock-flags.js'),
    ]);
    return {
      ports: historyPorts(root),
      zone: zoneOf({}, { ...io, stdout: new PassThrough(), stderr: new PassThrough() }),
    };
  },
});
