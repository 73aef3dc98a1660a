// Exactly-once delivery of `opsfold loop poll-events` while Superloop is still writing the log.
//
// Law: for any log, and any way its bytes arrive (whole lines, a last record cut at ANY byte — just
// before or just after its newline included — completed later) interleaved with polls (with or
// without --max-events), the concatenation of every poll's envelopes is the log's records in order,
// each exactly once; a torn last line is never emitted before it is complete; and the cursor file's
// eventLineOffset / eventByteOffset never move backwards, always sit on a line boundary, and count
// exactly the newlines before them.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../runners/cli/main.js';
import { commands } from '../runners/commands.js';
import { logBytesArb, type LogBytes } from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const AS_OF = '2026-02-22T12:00:00Z';

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let root = '';
let n = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-torn-tail-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Repo {
  readonly repo: string;
  readonly id: string;
  readonly events: string;
  readonly cursorFile: string;
}

const newRepo = (): Repo => {
  n += 1;
  const repo = join(root, `repo-${n}`);
  const id = 'demo';
  const loopDir = join(repo, '.superloop', 'loops', id);
  mkdirSync(loopDir, { recursive: true });
  const events = join(loopDir, 'events.jsonl');
  writeFileSync(events, Buffer.alloc(0));
  return { repo, id, events, cursorFile: join(repo, 'cursor.json') };
};

interface Emitted {
  readonly line: number;
  readonly timestamp: string;
  readonly raw: unknown;
  readonly lineCount: number;
}

interface CursorSeen {
  readonly eventLineOffset: number;
  readonly eventByteOffset: number;
}

interface PollResult {
  readonly emitted: Emitted[];
  readonly cursor: CursorSeen;
}

const poll = async (r: Repo, maxEvents = 0): Promise<PollResult> => {
  const stdout = new Sink();
  const stderr = new Sink();
  const argv = [
    'loop',
    'poll-events',
    '--repo',
    r.repo,
    '--loop',
    r.id,
    '--cursor-file',
    r.cursorFile,
    '--as-of',
    AS_OF,
  ];
  if (maxEvents > 0) argv.push('--max-events', String(maxEvents));
  const code = await main(commands, argv, { stdout, stderr, cwd: root, env: {}, now: () => 0 });
  expect({ code, stderr: stderr.text }).toEqual({ code: 0, stderr: '' });
  const emitted = stdout.text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const env = JSON.parse(l) as {
        sequence: { value: number };
        cursor: { eventLineOffset: number; eventLineCount: number };
        event: { timestamp: string; raw: unknown };
      };
      expect(env.cursor.eventLineOffset).toBe(env.sequence.value);
      return {
        line: env.sequence.value,
        timestamp: env.event.timestamp,
        raw: env.event.raw,
        lineCount: env.cursor.eventLineCount,
      };
    });
  const doc = JSON.parse(readFileSync(r.cursorFile, 'utf8')) as CursorSeen;
  return { emitted, cursor: { eventLineOffset: doc.eventLineOffset, eventByteOffset: doc.eventByteOffset } };
};

/** Newlines in the first `bytes` bytes of the log. */
const newlinesIn = (log: LogBytes, bytes: number): number => log.lines.filter((l) => l.end <= bytes).length;

/** Checks one poll against the bytes written when it ran and the cursor before it. */
const checkPoll = (log: LogBytes, written: number, before: CursorSeen | null, p: PollResult): void => {
  const c = p.cursor;
  if (before !== null) {
    expect(c.eventLineOffset).toBeGreaterThanOrEqual(before.eventLineOffset);
    expect(c.eventByteOffset).toBeGreaterThanOrEqual(before.eventByteOffset);
  }
  expect(c.eventByteOffset).toBeLessThanOrEqual(written);
  expect(c.eventByteOffset === 0 || log.bytes[c.eventByteOffset - 1] === 0x0a).toBe(true);
  expect(c.eventLineOffset).toBe(newlinesIn(log, c.eventByteOffset));
  for (const e of p.emitted) {
    // Only complete lines are emitted, and eventLineCount is the newline count of the file at poll time.
    const rec = log.records.find((r) => r.line === e.line);
    expect(rec).toBeDefined();
    expect(rec!.end).toBeLessThanOrEqual(written);
    expect(e.line).toBeLessThanOrEqual(c.eventLineOffset);
    expect(e.lineCount).toBe(newlinesIn(log, written));
  }
};

const expectedOf = (log: LogBytes) =>
  log.records.map((r) => ({ line: r.line, timestamp: r.value['timestamp'], raw: r.value }));
const seenOf = (all: readonly Emitted[]) =>
  all.map((e) => ({ line: e.line, timestamp: e.timestamp, raw: e.raw }));

/**
 * Any byte of the last record, from its first byte to just past its newline, both included. Uniform
 * picks rarely land on the interesting bytes, so those are drawn on purpose too: just after the
 * newline, just before it, before the `\r` of a CRLF, and inside a BOM.
 */
const cutArb = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'any' as const, n: pick })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((k) => ({ kind: 'fromEnd' as const, n: k })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((k) => ({ kind: 'fromStart' as const, n: k })) },
);
const cutIn = (
  start: number,
  end: number,
  at: { kind: 'any' | 'fromEnd' | 'fromStart'; n: number },
): number => {
  if (at.kind === 'any') return start + (at.n % (end - start + 1));
  return Math.min(end, Math.max(start, at.kind === 'fromEnd' ? end - at.n : start + at.n));
};

describe('poll-events over a torn last record', () => {
  it('emits every record exactly once when the last record is cut at any byte, then completed', async () => {
    await fc.assert(
      fc.asyncProperty(logBytesArb({ minLength: 1, maxLength: 12 }), cutArb, async (log, at) => {
        const last = log.records.at(-1)!;
        const cut = cutIn(last.byteOffset, last.end, at);
        const r = newRepo();
        writeFileSync(r.events, log.bytes.subarray(0, cut));
        const p1 = await poll(r);
        checkPoll(log, cut, null, p1);
        expect(p1.emitted.map((e) => e.line)).toEqual(
          log.records.filter((x) => x.end <= cut).map((x) => x.line),
        );

        appendFileSync(r.events, log.bytes.subarray(cut));
        const p2 = await poll(r);
        checkPoll(log, log.bytes.length, p1.cursor, p2);
        const p3 = await poll(r);
        checkPoll(log, log.bytes.length, p2.cursor, p3);
        expect(p3.emitted).toEqual([]);

        expect(seenOf([...p1.emitted, ...p2.emitted, ...p3.emitted])).toEqual(expectedOf(log));
        expect(p3.cursor).toEqual({ eventLineOffset: log.lines.length, eventByteOffset: log.bytes.length });
      }),
      { seed, numRuns: 70 },
    );
  });
});

type Step =
  | { readonly kind: 'lines'; readonly k: number }
  | { readonly kind: 'partial'; readonly pick: number }
  | { readonly kind: 'complete' }
  | { readonly kind: 'poll'; readonly max: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('lines' as const), k: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('partial' as const), pick: fc.nat() }),
  fc.constant({ kind: 'complete' as const }),
  fc.record({
    kind: fc.constant('poll' as const),
    max: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 })),
  }),
);

/** `at` itself when it is a line boundary (or 0), else the end of the line it is inside. */
const completeLine = (log: LogBytes, at: number): number =>
  at === 0 ? 0 : (log.lines.find((l) => l.end >= at)?.end ?? log.bytes.length);

/** Where the writer is after `step` (from `at`); polls do not move it. */
const advance = (log: LogBytes, at: number, step: Step): number => {
  const from = completeLine(log, at);
  if (step.kind === 'complete') return from;
  const startsAt = (o: number) => log.lines.findIndex((l) => l.byteOffset === o);
  if (step.kind === 'lines') {
    // Completing a line in progress counts as one of the k lines.
    const i = from === at ? startsAt(from) : startsAt(from) - 1;
    if (i < 0) return from;
    return log.lines[Math.min(log.lines.length - 1, i + step.k - 1)]!.end;
  }
  if (step.kind === 'partial') {
    // Complete a line in progress first, then write part (1..len-1 bytes) of the next one, if any.
    const next = log.lines[startsAt(from)];
    if (next === undefined || next.end - next.byteOffset < 2) return from;
    return from + 1 + (step.pick % (next.end - next.byteOffset - 1));
  }
  return at;
};

describe('poll-events while the log grows', () => {
  it('the concatenation of all polls is the log, in order, exactly once, for any append/poll interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 1, maxLength: 14 }),
        fc.array(stepArb, { minLength: 1, maxLength: 14 }),
        async (log, steps) => {
          const r = newRepo();
          let written = 0;
          let cursor: CursorSeen | null = null;
          const seen: Emitted[] = [];
          const run = async (max: number) => {
            const p = await poll(r, max);
            checkPoll(log, written, cursor, p);
            if (max > 0) expect(p.emitted.length).toBeLessThanOrEqual(max);
            cursor = p.cursor;
            seen.push(...p.emitted);
          };
          for (const step of steps) {
            if (step.kind === 'poll') {
              await run(step.max);
              continue;
            }
            const to = advance(log, written, step);
            appendFileSync(r.events, log.bytes.subarray(written, to));
            written = to;
          }
          appendFileSync(r.events, log.bytes.subarray(written));
          written = log.bytes.length;
          await run(0);
          await run(0);
          expect(seenOf(seen)).toEqual(expectedOf(log));
          expect(cursor).toEqual({ eventLineOffset: log.lines.length, eventByteOffset: log.bytes.length });
        },
      ),
      { seed, numRuns: 50 },
    );
  });
});
