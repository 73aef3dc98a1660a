// Views of the other domains as thin adapters: each runs that domain's own read command in-process
// (runCaptured) and hands its output to the page, or shows the document a domain last recorded.
// Which views exist and their steps are lib/dashboard/domain-views.ts; rendering is view-render.ts.
import { existsSync } from 'node:fs';
import { availableViews as viewsOf, hasCommand, type DomainView } from '../../lib/dashboard/domain-views.js';
import { renderView as render, type ViewPorts } from '../../lib/dashboard/view-render.js';
import type { DomainEdges } from '../../lib/dashboard/domain-sections.js';
import { fileStore } from '../../lib/io/store.js';
import type { Command, Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';

/** The views this repo has, given the commands that exist. */
export const availableViews = (commands: readonly Command[], repo: string): DomainView[] =>
  viewsOf(commands, repo, existsSync);

/** Runs a view's steps and collects their sections. */
export const renderView = (
  commands: readonly Command[],
  view: DomainView,
  ctx: {
    readonly repo: string;
    readonly asOf: string | null;
    readonly io: Omit<Io, 'stdout' | 'stderr'>;
    readonly domains: DomainEdges | null;
  },
) => {
  const ports: ViewPorts = {
    store: fileStore(ctx.repo),
    exists: existsSync,
    run: (argv) =>
      hasCommand(commands, argv.slice(0, 2)) ? runCaptured(commands, argv, ctx.io) : Promise.resolve(null),
    domains: ctx.domains,
    asOfMs: ctx.io.now(),
  };
  return render(ports, view, ctx.asOf);
};
