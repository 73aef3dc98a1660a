// The parsers the hostile-input laws fuzz, by name. Each takes raw bytes (written where the parser
// reads them) and either returns, or fails with one of the errors it documents; anything else (a
// TypeError, a RangeError, a stack trace from the CLI) is a crash. A domain adds its parsers here
// (QUEUE.md tables, config catalogs, HTTP request bodies …) with one entry each.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckpoint } from '../../lib/io/checkpoints.js';
import { foldFile } from '../../lib/io/fold-file.js';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { CorruptLineError, SourceChangedError } from '../../lib/io/jsonl-errors.js';
import { loopEventsProjection } from '../../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { runCaptured } from '../../runners/cli/capture.js';
import { CliError } from '../../runners/cli/errors.js';
import { readJsonDoc } from '../../runners/cli/json-doc.js';
import { readCursorFile } from '../../runners/loop/cursor-file.js';
import { AS_OF, loopCommands } from './loop-workload.js';

export interface FuzzTarget {
  readonly name: string;
  /** What the input stands for, so generators can aim at it (a JSONL log, a JSON document, a checkpoint). */
  readonly shape: 'jsonl' | 'json' | 'checkpoint';
  run(input: Buffer, dir: string): Promise<unknown>;
  /** The failures this parser documents; any other is a crash. */
  expectedError(err: unknown): boolean;
  /** An input that once crashed this parser, kept as a regression case (fed once by its own test). */
  readonly knownBug?: {
    readonly example: Buffer;
    readonly why: string;
  };
}

// A cursor file holding `null` once threw a TypeError in runners/loop/cursor-file.ts (read
// `eventsFingerprint` before checking for an object); it now fails closed with an `error:` line.
const NULL_CURSOR = {
  example: Buffer.from('null\n'),
  why: 'a cursor file holding JSON null threw a TypeError in readCursorFile',
};

/** A CLI run that crashed: an exit code it does not document, or an unexpected error's stack trace. */
export class CommandCrash extends Error {}

const drain = async (file: string, skipCorrupt: boolean): Promise<number> => {
  let n = 0;
  for await (const b of iterateJsonlBatches(file, { decode: decodeLoopEventLine, skipCorrupt }))
    n += b.items.length;
  return n;
};

const put = (dir: string, name: string, input: Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, input);
  return file;
};

const FIXTURE = new URL('../../fixtures/loop/running', import.meta.url);
const LOG = Buffer.from(
  '{"timestamp":"2026-02-01T00:00:00Z","event":"loop_start"}\n{"timestamp":"2026-02-01T00:00:01Z","event":"iteration_start","iteration":1}\n',
);

/** Runs a loop command over a copy of the `running` fixture with `input` written at `relPath`. */
const command = (argv: readonly string[], relPath: string) => async (input: Buffer, dir: string) => {
  const repo = join(dir, 'repo');
  cpSync(FIXTURE, repo, { recursive: true });
  mkdirSync(join(repo, relPath, '..'), { recursive: true });
  writeFileSync(join(repo, relPath), input);
  const r = await runCaptured(
    loopCommands,
    [...argv, '--repo', repo, '--loop', 'running', '--as-of', AS_OF],
    {
      cwd: dir,
      env: {},
      now: () => Date.parse(AS_OF),
    },
  );
  if (![0, 1].includes(r.code) || /^\s+at /m.test(r.stderr))
    throw new CommandCrash(`exit ${r.code}: ${r.stderr}`);
  if (r.code === 1 && !r.stderr.split('\n').some((l) => l.startsWith('error: ')))
    throw new CommandCrash(`exit 1 without an error line: ${r.stderr}`);
  return r.code;
};

const LOOP = '.superloop/loops/running';

export const fuzzTargets: readonly FuzzTarget[] = [
  {
    name: 'JSONL reader (strict, Superloop events)',
    shape: 'jsonl',
    run: (input, dir) => drain(put(dir, 'log.jsonl', input), false),
    expectedError: (e) => e instanceof CorruptLineError,
  },
  {
    name: 'JSONL reader (--skip-corrupt)',
    shape: 'jsonl',
    run: (input, dir) => drain(put(dir, 'log.jsonl', input), true),
    expectedError: () => false,
  },
  {
    name: 'JSON document reader (state, approval, summaries, config)',
    shape: 'json',
    run: (input, dir) => readJsonDoc(put(dir, 'doc.json', input), 'invalid JSON'),
    expectedError: (e) => e instanceof CliError,
  },
  {
    name: 'checkpoint loader',
    shape: 'checkpoint',
    run: (input, dir) =>
      loadCheckpoint(put(dir, 'cp.json', input), loopEventsProjection.name, loopEventsProjection.version),
    expectedError: () => false,
  },
  {
    name: 'fold resumed from a fuzzed checkpoint',
    shape: 'checkpoint',
    run: (input, dir) =>
      foldFile(put(dir, 'log.jsonl', LOG), loopEventsProjection, {
        checkpointPath: put(dir, 'cp.json', input),
        decode: decodeLoopEventLine,
      }),
    expectedError: (e) => e instanceof SourceChangedError || e instanceof CorruptLineError,
  },
  {
    name: 'poll cursor file',
    shape: 'json',
    run: (input, dir) => readCursorFile(put(dir, 'cursor.json', input)),
    expectedError: (e) => e instanceof CliError,
    knownBug: NULL_CURSOR,
  },
  {
    name: 'loop snapshot over fuzzed events.jsonl',
    shape: 'jsonl',
    run: command(['loop', 'snapshot'], `${LOOP}/events.jsonl`),
    expectedError: () => false,
  },
  {
    name: 'loop poll-events over fuzzed events.jsonl',
    shape: 'jsonl',
    run: command(['loop', 'poll-events'], `${LOOP}/events.jsonl`),
    expectedError: () => false,
  },
  {
    name: 'loop poll-events with a fuzzed cursor file',
    shape: 'json',
    run: command(['loop', 'poll-events'], `${LOOP}/ops-manager.cursor.json`),
    expectedError: () => false,
    knownBug: NULL_CURSOR,
  },
  {
    name: 'loop snapshot with a fuzzed checkpoint',
    shape: 'checkpoint',
    run: command(['loop', 'snapshot'], '.opsfold/loop/running/checkpoints/loop-events.json'),
    expectedError: () => false,
  },
  ...[
    '.superloop/state.json',
    '.superloop/active-run.json',
    `${LOOP}/approval.json`,
    `${LOOP}/run-summary.json`,
    `${LOOP}/heartbeat.v1.json`,
  ].map((rel): FuzzTarget => ({
    name: `loop project-state with a fuzzed ${rel}`,
    shape: 'json',
    run: command(['loop', 'project-state'], rel),
    expectedError: () => false,
  })),
];
