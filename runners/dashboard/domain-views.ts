// Views of the other domains as thin adapters: each runs that domain's own read command in-process
// (runCaptured) and hands its output to the page, or shows the document a domain last recorded.
// Which views exist and their steps are lib/dashboard/domain-views.ts.
import { existsSync } from 'node:fs';
import {
  availableViews as viewsOf,
  hasCommand,
  type DomainView,
  type Step,
} from '../../lib/dashboard/domain-views.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import type { Command, Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { readDoc } from './loop-files.js';

export interface Section {
  readonly title: string;
  /** The command line that produced it (for the operator to rerun), or the file it shows. */
  readonly source: string;
  readonly exitCode: number | null;
  readonly json: unknown;
  readonly text: string;
  readonly error: string | null;
}

/** The views this repo has, given the commands that exist. */
export const availableViews = (commands: readonly Command[], repo: string): DomainView[] =>
  viewsOf(commands, repo, existsSync);

const jsonOf = (text: string): unknown => {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return null;
  }
};

const fileSection = async (store: Store, step: Extract<Step, { kind: 'file' }>): Promise<Section> => {
  const doc = await readDoc(store, step.file, step.file);
  const error =
    doc.state.kind === 'ok' ? null : `${step.file}: ${doc.state.kind} ${doc.state.reason ?? ''}`.trim();
  const json = doc.value === null || step.shape === undefined ? doc.value : step.shape(doc.value);
  return { title: step.title, source: step.file, exitCode: null, json, text: '', error };
};

const runStep = async (
  commands: readonly Command[],
  step: Step,
  io: Omit<Io, 'stdout' | 'stderr'>,
  store: Store,
): Promise<Section | null> => {
  if (step.kind === 'file') return fileSection(store, step);
  if (!hasCommand(commands, step.argv.slice(0, 2))) return null;
  const ran = await runCaptured(commands, step.argv, io);
  const error = ran.code === 0 ? null : ran.stderr.trim() || `exit ${ran.code}`;
  return {
    title: step.title,
    source: `opsfold ${step.argv.join(' ')}`,
    exitCode: ran.code,
    json: jsonOf(ran.stdout),
    text: ran.stdout,
    error,
  };
};

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
