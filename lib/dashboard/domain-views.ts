// Views of the other domains (harness tasks, the ops cycle, the operator queue, promotion gates): which exist in a
// repo and which steps render each. A view exists only when its command is in the command table and
// the repo holds that domain's data. Pure: the runner answers `exists` and runs the steps.
import type { JsonValue } from '../core/json-schema.js';
import { viewOf } from './lenient.js';
import { PromotionDoc, promotionView } from './promotion-view.js';

export type Step =
  | { readonly kind: 'command'; readonly title: string; readonly argv: readonly string[] }
  /** A domain the page reads through that domain's own ports and folds itself (DomainEdges). */
  | { readonly kind: 'edge'; readonly title: string; readonly domain: 'harness' | 'cycle' }
  | {
      readonly kind: 'file';
      readonly title: string;
      readonly file: string;
      /** Reshapes the document for the page. */
      readonly shape?: (doc: JsonValue) => unknown;
    };

/** Does this absolute path exist? (the runner's file system answer) */
export type Exists = (path: string) => boolean;

export interface DomainView {
  readonly name: string;
  readonly title: string;
  /** The command whose presence in the table means the domain exists. */
  readonly command: readonly string[];
  present(repo: string, exists: Exists): boolean;
  steps(repo: string, asOf: string | null, exists: Exists): Step[];
}

/** Pure: `repo` joined with path segments, as node:path's join would on POSIX for these names. */
const under = (repo: string, ...parts: string[]): string => [repo.replace(/\/+$/, ''), ...parts].join('/');

const asOfArgs = (asOf: string | null): string[] => (asOf === null ? [] : ['--as-of', asOf]);
const queueDir = (repo: string) => under(repo, 'automation', 'orchestrator');
const promotionState = (repo: string) =>
  under(repo, '.superloop', 'ops-manager', 'fleet', 'promotion-state.json');

const queueSource = (repo: string, exists: Exists): string[] => {
  const db = under(queueDir(repo), 'db', 'queue.db');
  return exists(db) ? ['--db', db] : ['--queue', under(queueDir(repo), 'QUEUE.md')];
};

const kpiArgs = (repo: string, asOf: string | null): string[] => [
  'queue',
  'kpi',
  '--log-path',
  under(queueDir(repo), 'logs', 'orch_runs.jsonl'),
  '--db-path',
  under(queueDir(repo), 'db', 'queue.db'),
  ...asOfArgs(asOf),
];

export const DOMAIN_VIEWS: readonly DomainView[] = [
  {
    name: 'harness',
    title: 'Harness tasks',
    command: ['harness', 'status'],
    present: (repo, exists) =>
      exists(under(repo, 'memory', 'harness')) || exists(under(repo, 'memory', 'task-timers.json')),
    steps: () => [{ kind: 'edge', title: 'Tasks', domain: 'harness' }],
  },
  {
    name: 'cycle',
    title: 'Ops cycle',
    command: ['cycle', 'history'],
    present: (repo, exists) =>
      exists(under(repo, 'state', 'tickets')) || exists(under(repo, 'reports', 'ops', 'daily', 'snapshots')),
    steps: () => [{ kind: 'edge', title: 'Cycles', domain: 'cycle' }],
  },
  {
    name: 'queue',
    title: 'Queue',
    command: ['queue', 'status'],
    present: (repo, exists) =>
      exists(under(queueDir(repo), 'QUEUE.md')) || exists(under(queueDir(repo), 'db', 'queue.db')),
    steps: (repo, asOf, exists) => [
      { kind: 'command', title: 'Status', argv: ['queue', 'status', ...queueSource(repo, exists)] },
      { kind: 'command', title: 'Workers', argv: ['queue', 'workers', ...queueSource(repo, exists)] },
      { kind: 'command', title: 'KPIs', argv: kpiArgs(repo, asOf) },
    ],
  },
  {
    // promotion-gates appends to its own telemetry on every run, so the page shows the decision it
    // last recorded instead of running it again.
    name: 'promotion',
    title: 'Promotion gates',
    command: ['fleet', 'promotion-gates'],
    present: (repo, exists) => exists(promotionState(repo)),
    steps: (repo) => [
      {
        kind: 'file',
        title: 'Last gate decision',
        file: promotionState(repo),
        shape: (doc) => promotionView(viewOf(PromotionDoc, doc)) ?? doc,
      },
    ],
  },
];

/** Pure: is a command with this path in the table? */
export const hasCommand = (
  commands: readonly { readonly path: readonly string[] }[],
  path: readonly string[],
) => commands.some((c) => c.path.length === path.length && c.path.every((w, i) => w === path[i]));

/** Pure: the views this repo has, given the commands that exist. */
export const availableViews = (
  commands: readonly { readonly path: readonly string[] }[],
  repo: string,
  exists: Exists,
): DomainView[] => DOMAIN_VIEWS.filter((v) => hasCommand(commands, v.command) && v.present(repo, exists));

/** One section of a domain view as the page shows it. */
export interface Section {
  readonly title: string;
  /** The command line that produced it (for the operator to rerun), or the file it shows. */
  readonly source: string;
  readonly exitCode: number | null;
  readonly json: unknown;
  readonly text: string;
  readonly error: string | null;
}

/** Pure: a command's output as JSON when it is a JSON object or array, else null. */
export const sectionJson = (text: string): JsonValue => {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return null;
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    return null;
  }
};
