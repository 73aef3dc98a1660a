// (d) `loop reconcile` of a generated loop: the first pass over the whole log, then a re-run after
// appended events, which must read only those bytes. Both passes are checked against the log: the
// state's cursor must count every line, and the re-run must ingest exactly the appended events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendEvents, generateRepo, LOOP_ID } from './generate.js';
import { runCli } from './measure.js';

const AS_OF = '2026-02-22T12:00:00Z';

export interface ReconcileBench {
  readonly events: number;
  readonly appended: number;
  readonly firstSeconds: number;
  readonly rerunSeconds: number;
  /** rerun / first: the share of a full pass an incremental pass costs. */
  readonly ratio: number;
}

const lastLine = (file: string): unknown => {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as unknown;
};

const lastTelemetry = (repo: string): { eventsIngested?: number } => {
  const file = join(repo, '.superloop', 'ops-manager', LOOP_ID, 'telemetry', 'reconcile.jsonl');
  return lastLine(file) as { eventsIngested?: number };
};

const check = (what: string, got: unknown, want: unknown): void => {
  if (got !== want) throw new Error(`(d) ${what}: expected ${String(want)}, got ${String(got)}`);
};

/** Generates `events` events under `dir`, reconciles, appends `appended`, reconciles again. */
export const benchReconcile = async (
  dir: string,
  events: number,
  appended: number,
): Promise<ReconcileBench> => {
  const { layout } = generateRepo(join(dir, 'reconcile-repo'), events);
  const argv = [
    'loop',
    'reconcile',
    '--repo',
    layout.repo,
    '--loop',
    LOOP_ID,
    '--as-of',
    AS_OF,
    '--alerts-enabled',
    'false',
  ];
  const first = await runCli(argv);
  check('first pass events ingested', lastTelemetry(layout.repo).eventsIngested, events);
  appendEvents(layout.events, appended);
  const rerun = await runCli(argv);
  check('re-run events ingested', lastTelemetry(layout.repo).eventsIngested, appended);
  return {
    events,
    appended,
    firstSeconds: first.seconds,
    rerunSeconds: rerun.seconds,
    ratio: rerun.seconds / first.seconds,
  };
};
