// Hostile inputs whose cost `npm run reliability` measures (peak RSS, seconds) in a fresh child each:
// multi-megabyte lines, a torn tail as large, many lines, nesting a million levels deep. Unit tests
// check the behaviour on smaller sizes; these runs give the figures. A new parser joins with one entry.
import { createWriteStream, mkdirSync, promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { readJsonDoc } from '../../runners/cli/json-doc.js';
import { runCaptured } from '../../runners/cli/capture.js';
import { AS_OF, loopCommands } from './loop-workload.js';

export interface HostileCase {
  readonly name: string;
  /** Writes the input for a run of about `mib` MiB under `dir`. */
  build(dir: string, mib: number): Promise<void>;
  /** Parses it; returns a one-word summary of what the parser made of it (never throws on purpose). */
  run(dir: string): Promise<string>;
}

const MiB = 1 << 20;
const EVENT = (i: number) =>
  `{"timestamp":"2026-02-01T00:00:00Z","event":"iteration_start","loop_id":"h","run_id":"r","iteration":${i}}\n`;

const writeStreamed = async (file: string, parts: Iterable<string>): Promise<void> => {
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  for (const p of parts) if (!out.write(p)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r, f) => out.end((err?: Error | null) => (err ? f(err) : r())));
};

function* repeatChunks(text: string, bytes: number): Generator<string> {
  const chunk = text.repeat(Math.max(1, Math.floor(MiB / text.length)));
  for (let done = 0; done < bytes; done += chunk.length)
    yield chunk.slice(0, Math.min(chunk.length, bytes - done));
}

const drainJsonl = async (file: string, skipCorrupt = false): Promise<string> => {
  let records = 0;
  let corrupt = 0;
  let torn = 0;
  try {
    for await (const b of iterateJsonlBatches(file, { decode: decodeLoopEventLine, skipCorrupt })) {
      const good = b.items.filter((i) => i.kind === 'record').length;
      records += good;
      corrupt += b.items.length - good;
      torn = b.end?.tornTail?.bytes ?? torn;
    }
    return `records=${records},corrupt=${corrupt},torn_tail_bytes=${torn}`;
  } catch (err) {
    return `error=${(err as Error).name}`;
  }
};

const loopRepo = (dir: string) => join(dir, 'repo', '.superloop', 'loops', 'h');
const events = (dir: string) => join(loopRepo(dir), 'events.jsonl');
const log = (dir: string) => join(dir, 'input.jsonl');

const snapshot = async (dir: string): Promise<string> => {
  const argv = [
    'loop',
    'snapshot',
    '--repo',
    join(dir, 'repo'),
    '--loop',
    'h',
    '--as-of',
    AS_OF,
    '--skip-corrupt',
  ];
  const r = await runCaptured(loopCommands, argv, { cwd: dir, env: {}, now: () => Date.parse(AS_OF) });
  return `exit=${r.code}${r.code === 0 ? '' : `,error=${JSON.stringify(r.stderr.split('\n')[0])}`}`;
};

export const hostileCases: readonly HostileCase[] = [
  {
    name: 'jsonl-one-long-line',
    build: (dir, mib) =>
      writeStreamed(log(dir), [
        '{"event":"x","message":"',
        ...repeatChunks('a', mib * MiB),
        '"}\n',
        EVENT(1),
      ]),
    run: (dir) => drainJsonl(log(dir)),
  },
  {
    name: 'jsonl-long-torn-tail',
    build: (dir, mib) =>
      writeStreamed(log(dir), [EVENT(1), '{"event":"x","message":"', ...repeatChunks('a', mib * MiB)]),
    run: (dir) => drainJsonl(log(dir)),
  },
  {
    name: 'jsonl-many-short-lines',
    build: (dir, mib) =>
      writeStreamed(log(dir), repeatChunks(EVENT(7), mib * MiB - ((mib * MiB) % EVENT(7).length))),
    run: (dir) => drainJsonl(log(dir)),
  },
  {
    name: 'jsonl-nesting-1e6-deep',
    build: (dir) =>
      writeStreamed(log(dir), [
        EVENT(1).slice(0, -2),
        ',"data":',
        '['.repeat(1e6),
        ']'.repeat(1e6),
        '}\n',
        EVENT(2),
      ]),
    run: (dir) => drainJsonl(log(dir), true),
  },
  {
    name: 'loop-snapshot-large-log',
    build: async (dir, mib) => {
      mkdirSync(loopRepo(dir), { recursive: true });
      await writeStreamed(events(dir), repeatChunks(EVENT(3), mib * MiB - ((mib * MiB) % EVENT(3).length)));
    },
    run: snapshot,
  },
  {
    name: 'loop-snapshot-event-nested-5000-deep',
    build: async (dir) => {
      mkdirSync(loopRepo(dir), { recursive: true });
      await writeStreamed(events(dir), [
        EVENT(1),
        EVENT(2).slice(0, -2),
        ',"data":',
        '['.repeat(5000),
        ']'.repeat(5000),
        '}\n',
      ]);
    },
    run: snapshot,
  },
  {
    name: 'json-doc-large',
    build: (dir, mib) =>
      writeStreamed(join(dir, 'doc.json'), ['{"status":"', ...repeatChunks('b', mib * MiB), '"}']),
    run: async (dir) => {
      const doc = await readJsonDoc(join(dir, 'doc.json'), 'invalid JSON').catch((e: Error) => e);
      return doc instanceof Error ? `error=${doc.message}` : 'parsed';
    },
  },
];

export const hostileCase = (name: string): HostileCase | undefined =>
  hostileCases.find((c) => c.name === name);

/** Removes a case's inputs (they can be large). */
export const cleanCase = (dir: string): Promise<void> => fsp.rm(dir, { recursive: true, force: true });
