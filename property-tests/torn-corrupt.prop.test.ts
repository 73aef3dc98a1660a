// Torn and corrupted logs, end to end (lib/io/jsonl.ts, lib/io/fold-file.ts, `loop snapshot`,
// `loop poll-events`, `loop project-state`).
//
// Laws:
//   1. Cut a log at EVERY byte of its last record (from its first byte to just past its newline). The
//      reader delivers exactly the complete records, holds the rest back as a torn tail of exactly the
//      cut bytes, and never errors; a fold checkpointed there and resumed once the record is complete
//      counts every record exactly once. `loop snapshot` does the same through its checkpoint.
//   2. Damage random bytes inside records in the middle of a log. Without --skip-corrupt, poll-events
//      emits the records before the first damaged line, exits 1 naming file:line:byte, and leaves its
//      cursor before that line (past every record emitted). With --skip-corrupt, poll-events and project-state go on, and the
//      quarantine holds exactly the damaged lines (file, line, byte offset, raw text): emitted plus
//      quarantined is every record, so nothing is skipped silently.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../lib/core/projection.js';
import { stableJson } from '../lib/core/stable-json.js';
import { fingerprintAt } from '../lib/io/checkpoints.js';
import { foldFile, type FoldFileResult } from '../lib/io/fold-file.js';
import { loopEventsProjection } from '../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import { runCaptured } from '../runners/cli/capture.js';
import { AS_OF, loopCommands } from './reliability/loop-workload.js';
import { logBytesArb, positionedOf, type LogBytes, type RecordLine } from './arbitraries.js';

const seed = Number(process.env.FC_SEED ?? 424242);
let root = '';
let n = 0;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-torn-corrupt-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const LOOP = 'demo';
const newRepo = (bytes: Buffer) => {
  n += 1;
  const repo = join(root, `repo-${n}`);
  const events = join(repo, '.superloop', 'loops', LOOP, 'events.jsonl');
  mkdirSync(join(repo, '.superloop', 'loops', LOOP), { recursive: true });
  writeFileSync(events, bytes);
  return { repo, events, quarantine: join(repo, '.opsfold', 'loop', LOOP, 'quarantine.jsonl') };
};
const opsfold = (...argv: string[]) =>
  runCaptured(loopCommands, [...argv, '--as-of', AS_OF], {
    cwd: root,
    env: {},
    now: () => Date.parse(AS_OF),
  });

/** What saveFoldCheckpoint writes, without its fsyncs: this law runs once per byte. */
const saveUnsynced = async (cp: string, file: string, r: FoldFileResult<unknown>): Promise<void> => {
  const { name: projection, version } = loopEventsProjection;
  const source = await fingerprintAt(file, r.cursor, r.end.lastLine);
  const checkpoint = {
    projection,
    version,
    source,
    cursor: r.cursor,
    state: r.state,
    digest: r.digest ?? undefined,
  };
  writeFileSync(cp, stableJson(checkpoint));
};

const oracle = (log: LogBytes, count: number) =>
  fold(loopEventsProjection, positionedOf(log).slice(0, count) as never);

describe('a log cut at every byte of its last record', () => {
  it('is read up to the last complete record, the rest held back, and resumes to count each record once', async () => {
    await fc.assert(
      fc.asyncProperty(logBytesArb({ minLength: 1, maxLength: 6 }), async (log) => {
        const last = log.records.at(-1) as RecordLine;
        for (let cut = last.byteOffset; cut <= last.end; cut += 1) {
          n += 1;
          const file = join(root, `cut-${n}.jsonl`);
          const cp = join(root, `cut-${n}.cp.json`);
          writeFileSync(file, log.bytes.subarray(0, cut));
          const complete = cut === last.end ? log.records.length : log.records.length - 1;
          const tail = cut - last.byteOffset;
          const torn = tail > 0 && cut < last.end ? { byteOffset: last.byteOffset, bytes: tail } : null;
          const opts = { checkpointPath: cp, decode: decodeLoopEventLine, digest: true };
          const first = await foldFile(file, loopEventsProjection, opts);
          expect([first.state, first.end.tornTail]).toEqual([oracle(log, complete), torn]);
          expect(first.cursor.byteOffset).toBe(complete === log.records.length ? last.end : last.byteOffset);
          await saveUnsynced(cp, file, first);
          appendFileSync(file, log.bytes.subarray(cut, last.end));
          const resumed = await foldFile(file, loopEventsProjection, opts);
          expect(resumed.state).toEqual(oracle(log, log.records.length));
        }
      }),
      { seed, numRuns: 3 },
    );
  });

  it('is held back by `loop snapshot`, which resumes from its checkpoint to count each record once', async () => {
    // Each snapshot fsyncs its checkpoint, so the commands see the edges and a few random bytes between.
    await fc.assert(
      fc.asyncProperty(
        logBytesArb({ minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        async (log, picks) => {
          const last = log.records.at(-1) as RecordLine;
          const inner = picks.map((p) => last.byteOffset + 1 + (p % (last.end - last.byteOffset - 1)));
          for (const cut of new Set([last.byteOffset, last.end - 1, last.end, ...inner])) {
            const r = newRepo(log.bytes.subarray(0, cut));
            const snap = async () => {
              const out = await opsfold('loop', 'snapshot', '--repo', r.repo, '--loop', LOOP);
              expect(out.code, out.stderr).toBe(0);
              return JSON.parse(out.stdout) as {
                health: { lastEventName: string };
                artifacts: { events: { lineCount: number } };
              };
            };
            const before = await snap();
            const complete = log.lines.filter((l) => l.end <= cut).length;
            expect(before.artifacts.events.lineCount).toBe(complete);
            appendFileSync(r.events, log.bytes.subarray(cut, last.end));
            const after = await snap();
            expect(after.artifacts.events.lineCount).toBe(log.lines.filter((l) => l.end <= last.end).length);
            expect(after.health.lastEventName).toBe(last.value['event']);
          }
        },
      ),
      { seed, numRuns: 6 },
    );
  });
});

/** Damage = bytes inserted into a record's content; a 0x01 control byte makes any line invalid JSON. */
const damageArb = fc.record({
  at: fc.nat(),
  bytes: fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b.map((x) => (x === 0x0a ? 0x0b : x)))),
});

/** Pure: the log with each chosen record damaged, and where every damaged line now starts. */
const damage = (log: LogBytes, picks: ReadonlyMap<number, { at: number; bytes: Buffer }>) => {
  const parts: Buffer[] = [];
  const damaged: { line: number; byteOffset: number; index: number }[] = [];
  let shift = 0;
  let from = 0;
  for (const r of log.records) {
    const d = picks.get(r.index);
    if (d === undefined) continue;
    const at = r.contentStart + (d.at % (r.contentEnd - r.contentStart + 1));
    const insert = Buffer.concat([Buffer.from([0x01]), d.bytes]);
    parts.push(log.bytes.subarray(from, at), insert);
    damaged.push({ line: r.line, byteOffset: r.byteOffset + shift, index: r.index });
    shift += insert.length;
    from = at;
  }
  parts.push(log.bytes.subarray(from));
  return { bytes: Buffer.concat(parts), damaged };
};

const corruptLogArb = logBytesArb({ minLength: 3, maxLength: 10 }).chain((log) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: log.records.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((idx) =>
      fc.array(damageArb, { minLength: idx.length, maxLength: idx.length }).map((ds) => ({
        log,
        ...damage(log, new Map(idx.map((i, k) => [i, ds[k] as { at: number; bytes: Buffer }]))),
      })),
    ),
);

/** The oracle for a quarantined line's text: its bytes without terminator, `\r` and (line 1) BOM. */
const lineText = (bytes: Buffer, d: { line: number; byteOffset: number }): string => {
  let b = bytes.subarray(d.byteOffset, bytes.indexOf(0x0a, d.byteOffset));
  if (d.line === 1 && b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) b = b.subarray(3);
  if (b.at(-1) === 0x0d) b = b.subarray(0, -1);
  return b.toString('utf8');
};

const emittedLines = (stdout: string): number[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { sequence: { value: number } }).sequence.value);

const quarantined = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { file: string; line: number; byteOffset: number; raw: string });

describe('a log with random bytes damaged inside records', () => {
  it('fails closed at the first damaged line (file:line:byte), after emitting every record before it', async () => {
    await fc.assert(
      fc.asyncProperty(corruptLogArb, async ({ log, bytes, damaged }) => {
        const r = newRepo(bytes);
        const first = damaged[0] as { line: number; byteOffset: number; index: number };
        const out = await opsfold('loop', 'poll-events', '--repo', r.repo, '--loop', LOOP);
        expect(out.code).toBe(1);
        expect(out.stderr.split('\n')[0]).toBe(
          `error: invalid JSON event at line ${first.line} in ${r.events}`,
        );
        // Damaged bytes that are not UTF-8 are named as such; any other damage is invalid JSON.
        const at = `${r.events}:${first.line}:${first.byteOffset}: invalid `;
        expect(out.stderr.includes(`${at}JSON`) || out.stderr.includes(`${at}UTF-8`)).toBe(true);
        expect(emittedLines(out.stdout)).toEqual(log.records.slice(0, first.index).map((x) => x.line));
        // The cursor stays before the bad line, past every record emitted (blank lines may lie between).
        const cursor = JSON.parse(
          readFileSync(join(r.repo, '.superloop', 'loops', LOOP, 'ops-manager.cursor.json'), 'utf8'),
        ) as { eventByteOffset: number; eventLineOffset: number };
        const lastEmitted = first.index === 0 ? 0 : (log.records[first.index - 1] as RecordLine).end;
        expect(cursor.eventByteOffset).toBeGreaterThanOrEqual(lastEmitted);
        expect(cursor.eventByteOffset).toBeLessThanOrEqual(first.byteOffset);
        expect(cursor.eventLineOffset).toBe(log.lines.filter((l) => l.end <= cursor.eventByteOffset).length);
      }),
      { seed, numRuns: 40 },
    );
  });

  it('with --skip-corrupt, quarantines exactly the damaged lines with their positions and emits the rest', async () => {
    await fc.assert(
      fc.asyncProperty(corruptLogArb, async ({ log, bytes, damaged }) => {
        const polled = newRepo(bytes);
        const out = await opsfold(
          'loop',
          'poll-events',
          '--repo',
          polled.repo,
          '--loop',
          LOOP,
          '--skip-corrupt',
        );
        expect(out.code, out.stderr).toBe(0);
        const bad = new Set(damaged.map((d) => d.index));
        expect(emittedLines(out.stdout)).toEqual(
          log.records.filter((x) => !bad.has(x.index)).map((x) => x.line),
        );
        const expected = damaged.map((d) => ({
          file: polled.events,
          line: d.line,
          byteOffset: d.byteOffset,
        }));
        const q = quarantined(polled.quarantine);
        expect(q.map(({ file, line, byteOffset }) => ({ file, line, byteOffset }))).toEqual(expected);
        expect(q.map((e) => e.raw)).toEqual(damaged.map((d) => lineText(bytes, d)));

        const projected = newRepo(bytes);
        cpSync(polled.events, projected.events);
        const ps = await opsfold(
          'loop',
          'project-state',
          '--repo',
          projected.repo,
          '--loop',
          LOOP,
          '--skip-corrupt',
        );
        expect(ps.code, ps.stderr).toBe(0);
        expect(quarantined(projected.quarantine).map((e) => [e.line, e.byteOffset])).toEqual(
          damaged.map((d) => [d.line, d.byteOffset]),
        );
      }),
      { seed, numRuns: 40 },
    );
  });
});
