// Views of the other domains as thin adapters: each runs that domain's own read command in-process
// (runCaptured) and hands its output to the page, or shows the document a domain last recorded.
// Which views exist and their steps are lib/dashboard/domain-views.ts.
import { existsSync } from 'node:fs';
import {
  availableViews as viewsOf,
  type DomainView,
  type Section,
} from '../../lib/dashboard/domain-views.js';
import { fileStore } from '../../lib/io/store.js';
import type { Command, Io } from '../cli/command.js';
import { runStep } from './view-steps.js';

/** The views this repo has, given the commands that exist. */
export const availableViews = (commands: readonly Command[], repo: string): DomainView[] =>
  viewsOf(commands, repo, existsSync);

/** Runs a view's steps and collects their sections. */
export const renderView = async (
  commands: readonly Command[],
  view: DomainView,
  ctx: { readonly repo: string; readonly asOf: string | null; readonly io: Omit<Io, 'stdout' | 'stderr'> },
): Promise<{ name: string; title: string; sections: Section[] }> => {
  const sections: Section[] = [];
  const store = fileStore(ctx.repo);
  for (const step of view.steps(ctx.repo, ctx.asOf, existsSync)) {
    const s = await runStep(commands, step, ctx.io, store);
    if (s !== null) sections.push(s);
  }
  return { name: view.name, title: view.title, sections };
};
