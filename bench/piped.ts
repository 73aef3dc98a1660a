// The shipped bin with its stdout on a real pipe, read and counted by this process as it arrives, and
// its peak RSS from /usr/bin/time. Why for poll-events: a command that prints much more than it reads
// must respect the pipe's backpressure, and an in-process sink that swallows every write at once would
// hide the memory an unread pipe makes it hold.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, CheckFailed } from './spawn.js';

const TIME = '/usr/bin/time';

export interface Piped {
  readonly ms: number;
  readonly lines: number;
  readonly bytes: number;
  /** Peak RSS in MB, or null where /usr/bin/time is missing. */
  readonly maxRssMb: number | null;
  /** CPU seconds (user + system), or null where /usr/bin/time is missing. */
  readonly cpuSeconds: number | null;
}

export const piped = (args: readonly string[]): Promise<Piped> =>
  new Promise((resolve, reject) => {
    const timed = existsSync(TIME);
    const argv = [...(timed ? ['-f', 'maxrss-kb=%M cpu=%U+%S', process.execPath] : []), BIN, ...args];
    const t0 = process.hrtime.bigint();
    const p = spawn(timed ? TIME : process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let bytes = 0;
    let stderr = '';
    p.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    });
    p.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new CheckFailed(`opsfold ${args.join(' ')} exited ${code}: ${stderr}`));
      const kb = /maxrss-kb=(\d+)/.exec(stderr)?.[1];
      const cpu = /cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
      const cpuSeconds = cpu === null ? null : Number(cpu[1]) + Number(cpu[2]);
      resolve({ ms, lines, bytes, maxRssMb: kb === undefined ? null : Number(kb) / 1024, cpuSeconds });
    });
  });
