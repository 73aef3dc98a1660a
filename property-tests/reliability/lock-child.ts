// A child for the concurrency tests. Every holder writes `enter` and `exit` lines (O_APPEND, so the
// side log is in the order things happened) while it holds the lock; overlapping holders would show
// as two `enter` lines in a row.
// Usage (node --import tsx lock-child.ts):
//   append <log> <holders> <writer> <count> <pad>  appendJsonl one record at a time (waits for the lock)
//   hold <file> <holders> <id> <waitMs> <holdMs|path>  withLock through runners/cli/main (75 when it
//                                                  gives up); holds for holdMs, or until `path` exists
//   hold-forever <file>                            takes the lock, prints `holding`, waits to be killed
//   opsfold <argv...>                              runs a loop command through runners/cli/main
import { appendFileSync, existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendJsonl } from '../../lib/io/append.js';
import { nodeSeam, type WriteSeam } from '../../lib/io/fs-seam.js';
import { withLock } from '../../lib/io/lock.js';
import type { Command } from '../../runners/cli/command.js';
import { main } from '../../runners/cli/main.js';
import { loopCommands } from './loop-workload.js';
import { STALE_MS } from './workload.js';

const [mode, ...rest] = process.argv.slice(2);
const note = (holders: string, what: string, id: string): void =>
  appendFileSync(holders, `${what} ${id} ${process.pid}\n`);

/** The appender's writes happen inside its lock: `open` is the first step in it, `fsync` the last. */
const recordingSeam = (holders: string, id: string): WriteSeam => ({
  ...nodeSeam,
  open: async (path, flags, mode) => {
    note(holders, 'enter', id);
    return nodeSeam.open(path, flags, mode);
  },
  fsync: async (handle) => {
    await nodeSeam.fsync(handle);
    note(holders, 'exit', id);
  },
});

const append = async ([log = '', holders = '', writer = '', count = '0', pad = '0']: string[]) => {
  const seam = recordingSeam(holders, writer);
  for (let seq = 0; seq < Number(count); seq += 1)
    await appendJsonl(log, [{ writer, seq, pad: 'x'.repeat(Number(pad)) }], {
      waitMs: 120_000,
      staleMs: STALE_MS,
      seam,
    });
  return 0;
};

const holdCommand = (file: string, holders: string, id: string): Command => ({
  path: ['hold'],
  summary: 'hold a lock for a while',
  usage: '',
  flags: { wait: { type: 'string', help: '' }, hold: { type: 'string', help: '' } },
  exits: { 0: 'ok', 75: 'lock held' },
  run: async (v) => {
    await withLock(file, { waitMs: Number(v['wait']), staleMs: STALE_MS }, async () => {
      note(holders, 'enter', id);
      const hold = String(v['hold']);
      if (/^\d+$/.test(hold)) await sleep(Number(hold));
      else while (!existsSync(hold)) await sleep(10);
      note(holders, 'exit', id);
    });
    return 0;
  },
});

const realIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  now: Date.now,
};

const run = async (): Promise<number> => {
  if (mode === 'append') return append(rest);
  if (mode === 'hold') {
    const [file = '', holders = '', id = '', wait = '0', hold = '0'] = rest;
    return main([holdCommand(file, holders, id)], ['hold', '--wait', wait, '--hold', hold], realIo);
  }
  if (mode === 'hold-forever') {
    await withLock(rest[0] ?? '', { waitMs: 0, staleMs: STALE_MS }, async () => {
      process.stdout.write('holding\n');
      // A pending promise alone does not keep node alive (the lock's refresh timer is unref'd).
      await new Promise(() => setInterval(() => undefined, 60_000));
    });
    return 1;
  }
  if (mode === 'opsfold') return main(loopCommands, rest, realIo);
  process.stderr.write('usage: lock-child.ts append|hold|hold-forever|opsfold ...\n');
  return 64;
};

run().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
