// Views of the other domains (harness tasks, the operator queue, promotion gates) as thin adapters:
// each runs that domain's own read command in-process (runCaptured) and hands its output to the page.
// A view exists only when its command is in the command table and the repo holds that domain's data,
// so a domain that is not built yet, or not used in this repo, simply has no view.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonValue } from '../../lib/core/json-schema.js';
import type { Command, Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { viewOf } from '../../lib/dashboard/lenient.js';
import { PromotionDoc, promotionView } from '../../lib/dashboard/promotion-view.js';
import { fileStore, type Store } from '../../lib/io/store.js';
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

type Step =
  | { readonly kind: 'command'; readonly title: string; readonly argv: readonly string[] }
  | {
      readonly kind: 'file';
      readonly title: string;
      readonly file: string;
      /** Reshapes the document for the page (pure). */
      readonly shape?: (doc: JsonValue) => unknown;
    };

export interface DomainView {
  readonly name: string;
  readonly title: string;
  /** The command whose presence in the table means the domain exists. */
  readonly command: readonly string[];
  present(repo: string): boolean;
  steps(repo: string, asOf: string | null): Step[];
}

const asOfArgs = (asOf: string | null): string[] => (asOf === null ? [] : ['--as-of', asOf]);
const queueDir = (repo: string) => join(repo, 'automation', 'orchestrator');

const queueSource = (repo: string): string[] => {
  const db = join(queueDir(repo), 'db', 'queue.db');
  return existsSync(db) ? ['--db', db] : ['--queue', join(queueDir(repo), 'QUEUE.md')];
};

export const DOMAIN_VIEWS: readonly DomainView[] = [
  {
    name: 'harness',
    title: 'Harness tasks',
    command: ['harness', 'status'],
    present: (repo) =>
      existsSync(join(repo, 'memory', 'harness')) || existsSync(join(repo, 'memory', 'task-timers.json')),
    steps: (repo, asOf) => [
      {
        kind: 'command',
        title: 'Tasks',
        argv: ['harness', 'status', '--root', repo, '--json', ...asOfArgs(asOf)],
      },
    ],
  },
  {
    name: 'queue',
    title: 'Queue',
    command: ['queue', 'status'],
    present: (repo) =>
      existsSync(join(queueDir(repo), 'QUEUE.md')) || existsSync(join(queueDir(repo), 'db', 'queue.db')),
    steps: (repo, asOf) => [
      { kind: 'command', title: 'Status', argv: ['queue', 'status', ...queueSource(repo)] },
      { kind: 'command', title: 'Workers', argv: ['queue', 'workers', ...queueSource(repo)] },
      {
        kind: 'command',
        title: 'KPIs',
        argv: [
          'queue',
          'kpi',
          '--log-path',
          join(queueDir(repo), 'logs', 'orch_runs.jsonl'),
          '--db-path',
          join(queueDir(repo), 'db', 'queue.db'),
          ...asOfArgs(asOf),
        ],
      },
    ],
  },
  {
    // promotion-gates appends to its own telemetry on every run, so the page shows the decision it
    // last recorded instead of running it again.
    name: 'promotion',
    title: 'Promotion gates',
    command: ['fleet', 'promotion-gates'],
    present: (repo) => existsSync(join(repo, '.superloop', 'ops-manager', 'fleet', 'promotion-state.json')),
    steps: (repo) => [
      {
        kind: 'file',
        title: 'Last gate decision',
        file: join(repo, '.superloop', 'ops-manager', 'fleet', 'promotion-state.json'),
        shape: (doc) => promotionView(viewOf(PromotionDoc, doc)) ?? doc,
      },
    ],
  },
];

const has = (commands: readonly Command[], path: readonly string[]): boolean =>
  commands.some((c) => c.path.length === path.length && c.path.every((w, i) => w === path[i]));

/** The views this repo has, given the commands that exist. */
export const availableViews = (commands: readonly Command[], repo: string): DomainView[] =>
  DOMAIN_VIEWS.filter((v) => has(commands, v.command) && v.present(repo));

const jsonOf = (text: string): unknown => {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return null;
  }
};

const runStep = async (
  commands: readonly Command[],
  step: Step,
  io: Omit<Io, 'stdout' | 'stderr'>,
  store: Store,
): Promise<Section | null> => {
  if (step.kind === 'file') {
    const doc = await readDoc(store, step.file, step.file);
    const error =
      doc.state.kind === 'ok' ? null : `${step.file}: ${doc.state.kind} ${doc.state.reason ?? ''}`.trim();
    const json = doc.value === null || step.shape === undefined ? doc.value : step.shape(doc.value);
    return { title: step.title, source: step.file, exitCode: null, json, text: '', error };
  }
  if (!has(commands, step.argv.slice(0, 2))) return null;
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
  for (const step of view.steps(ctx.repo, ctx.asOf)) {
    const s = await runStep(commands, step, ctx.io, store);
    if (s !== null) sections.push(s);
  }
  return { name: view.name, title: view.title, sections };
};
