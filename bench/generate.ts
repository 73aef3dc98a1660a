// Lays out a Superloop repo with a big events log for the benchmark. Why here and not in a fixture: the
// log is 150–250 MB at full size, so it is written fresh into a temp dir, after checking that the disk
// has room (a half-written log would measure nothing), with ~1 MiB writes instead of one per line.
import {
  closeSync,
  mkdirSync,
  openSync,
  statfsSync,
  writeFileSync,
  writeSync,
  existsSync,
  appendFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { EventSource, timestamps } from './events.js';

export const LOOP_ID = 'bench-loop';
const START_MS = Date.UTC(2026, 1, 22, 4, 0, 0);
const SPAN_MS = (7 * 60 + 50) * 60_000; // 04:00 → 11:50, before the bench's --as-of 12:00
const FLUSH_BYTES = 1 << 20;

export interface Layout {
  readonly repo: string;
  readonly events: string;
}

export const layoutOf = (repo: string): Layout => ({
  repo,
  events: join(repo, '.superloop', 'loops', LOOP_ID, 'events.jsonl'),
});

const nearestExisting = (path: string): string => {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
};

const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)} MiB`;

/** Throws a readable error when the file system holding `dir` has less than `needed` bytes free. */
export const ensureRoom = (dir: string, needed: number): void => {
  const st = statfsSync(nearestExisting(dir));
  const free = Number(st.bavail) * Number(st.bsize);
  if (free >= needed) return;
  throw new Error(
    `not enough free space in ${dir}: the benchmark needs about ${mb(needed)}, ${mb(free)} is free; ` +
      'choose another place with --dir <path> or fewer events with --events <n>',
  );
};

const writeAll = (fd: number, buf: Buffer): void => {
  for (let done = 0; done < buf.length;) done += writeSync(fd, buf, done, buf.length - done);
};

const writeSmallDocs = (repo: string, events: number): void => {
  const superloop = join(repo, '.superloop');
  const runs = Math.max(1, Math.floor(events / 680));
  const state = { active: true, current_loop_id: LOOP_ID, iteration: 12, updated_at: '2026-02-22T11:50:00Z' };
  writeFileSync(join(superloop, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
  const gates = {
    tests: 'pass',
    validation: 'pass',
    prerequisites: 'pass',
    checklist: 'pass',
    evidence: 'pass',
    approval: 'pending',
  };
  const entry = {
    run_id: `run-${runs}`,
    iteration: 12,
    completion_ok: false,
    gates,
    stuck: { streak: 0, threshold: 3 },
  };
  const summary = {
    updated_at: '2026-02-22T11:50:00Z',
    entries: [{ ...entry, ended_at: '2026-02-22T11:50:00Z' }],
  };
  writeFileSync(
    join(superloop, 'loops', LOOP_ID, 'run-summary.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
};

/** Writes `<repo>/.superloop/…` with `count` events; returns the log's size in bytes. */
export const generateRepo = (repo: string, count: number): { layout: Layout; bytes: number } => {
  const layout = layoutOf(repo);
  mkdirSync(dirname(layout.events), { recursive: true });
  const src = new EventSource(LOOP_ID, 42);
  const ts = timestamps(START_MS, SPAN_MS, count);
  const fd = openSync(layout.events, 'w');
  let bytes = 0;
  try {
    let parts: string[] = [];
    let pending = 0;
    for (let i = 0; i < count; i++) {
      const line = src.next(ts(i));
      parts.push(line);
      pending += line.length;
      if (pending >= FLUSH_BYTES || i === count - 1) {
        const buf = Buffer.from(parts.join(''));
        writeAll(fd, buf);
        bytes += buf.length;
        parts = [];
        pending = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  writeSmallDocs(repo, count);
  return { layout, bytes };
};

/** Appends `count` fresh events (timestamps 11:55 on) to the log in one write; returns the bytes added. */
export const appendEvents = (events: string, count: number): number => {
  const src = new EventSource(LOOP_ID, 4242, 9000);
  const ts = timestamps(START_MS + SPAN_MS + 5 * 60_000, 4 * 60_000, count);
  let text = '';
  for (let i = 0; i < count; i++) text += src.next(ts(i));
  const buf = Buffer.from(text);
  appendFileSync(events, buf);
  return buf.length;
};
