// Long lines: reading one line of L bytes must cost about what L bytes of ordinary lines cost (linear,
// not quadratic in the number of chunks the line spans), and a line over the cap must be refused as a
// corrupt record at file:line:byte without being held. Both through `opsfold replay`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EventSource, timestamps } from './events.js';
import { child, expect } from './spawn.js';
import { mb, n, target, x, type Ctx, type PhaseResult } from './phase.js';

const HEAD = '{"timestamp":"2026-02-22T11:00:00Z","event":"note","loop_id":"bench-loop","message":"';

/** One JSON line of about `bytes` bytes. */
const writeLongLine = (file: string, bytes: number): void => {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, HEAD);
    const block = Buffer.alloc(1 << 20, 'x');
    for (let left = bytes - HEAD.length - 3; left > 0; left -= block.length)
      writeSync(fd, block, 0, Math.min(left, block.length));
    writeSync(fd, '"}\n');
  } finally {
    closeSync(fd);
  }
};

/** Ordinary event lines adding up to about `bytes` bytes; returns how many. */
const writeOrdinary = (file: string, bytes: number): number => {
  const src = new EventSource('bench-loop', 42);
  const ts = timestamps(Date.UTC(2026, 1, 22, 4), 3_600_000, 1_000_000);
  const fd = openSync(file, 'w');
  let lines = 0;
  try {
    for (let written = 0; written < bytes;) {
      let text = '';
      while (text.length < 1 << 20 && written + text.length < bytes) text += src.next(ts((lines += 1)));
      written += writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
  return lines;
};

// The printed state repeats the last event (the long line itself), so only the head of stdout is
// kept; `events` comes before `state` in its stable key order.
const eventsOf = (head: string): number => Number(/"events":\s*(\d+)/.exec(head)?.[1] ?? NaN);

const replayArgs = (file: string, cap: number): string[] => [
  'cli',
  'replay',
  '--projection',
  'loop-events',
  file,
  '--max-line-bytes',
  String(cap),
];

export const longLine = (c: Ctx): PhaseResult => {
  const bytes = c.sizes.longLineBytes;
  const long = join(c.dir, 'long.jsonl');
  const ordinary = join(c.dir, 'ordinary.jsonl');
  writeLongLine(long, bytes);
  const lines = writeOrdinary(ordinary, bytes);
  const cap = 2 * bytes;
  const one = child(replayArgs(long, cap));
  expect('long line events', eventsOf(one.stdoutHead), 1);
  const many = child(replayArgs(ordinary, cap));
  expect('ordinary events', eventsOf(many.stdoutHead), lines);
  const refused = child(replayArgs(long, Math.floor(bytes / 2)), 1);
  expect(
    'over-long line refused at file:line:byte',
    refused.stderr.includes('long.jsonl:1:0: line of'),
    true,
  );
  const ratio = one.seconds / many.seconds;
  const size = mb(bytes / 2 ** 20);
  return {
    id: 'long-line',
    title: `one ${size} line vs ${size} of ordinary lines (${n(lines)} lines), opsfold replay`,
    lines: [
      `one line ${one.seconds.toFixed(3)} s (peak RSS ${mb(one.maxRssMb)}), ordinary ${many.seconds.toFixed(3)} s = ${x(ratio)}`,
      `over the cap (--max-line-bytes ${n(Math.floor(bytes / 2))}): refused as file:line:byte in ` +
        `${refused.seconds.toFixed(3)} s, peak RSS ${mb(refused.maxRssMb)}`,
    ],
    targets: [
      target('long-line.time', 'one long line ≤ 2 × ordinary lines', x(ratio), ratio <= 2),
      target('long-line.cap', 'over-long line refused, not held', mb(refused.maxRssMb), true),
    ],
    figures: { longSeconds: one.seconds, ordinarySeconds: many.seconds, ratio, refusedRss: refused.maxRssMb },
  };
};
