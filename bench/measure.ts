// Timing and memory plumbing for the bench. Why in-process: a spawned `opsfold` would add node start-up
// (measured apart) to every figure and hide the fold's own cost; calling `main` with the bin's own (lazy)
// command table runs exactly the code the bin runs. Each phase is timed with hrtime, starts after a GC,
// and records the process's peak RSS so far (monotonic) plus a sampled peak of the phase itself.
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { main } from '../runners/cli/main.js';
import type { Command } from '../runners/cli/command.js';
import { loadLazyTable } from '../runners/lazy-commands.js';

let table: Promise<readonly Command[]> | null = null;
/** The bin's own table: the lazy one from the built manifest (the bench runs from dist). */
export const benchCommands = (): Promise<readonly Command[]> =>
  (table ??= loadLazyTable(new URL('../runners/', import.meta.url)).then(
    async (t) => t ?? (await import('../runners/commands.js')).commands,
  ));

/** A command that exited non-zero; carries what it printed on stderr. */
/** A result that contradicts the log: the bench must not report a number for it. */
export class CheckFailed extends Error {}

export class CommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`${command} exited ${code}`);
  }
}

/** A throwaway stream that counts bytes and lines and keeps the first MiB of text. */
export class Sink extends Writable {
  bytes = 0;
  lines = 0;
  text = '';

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.bytes += Buffer.byteLength(s);
    for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) this.lines += 1;
    if (this.text.length < 1 << 20) this.text += s.slice(0, (1 << 20) - this.text.length);
    done();
  }
}

export interface CliRun {
  readonly seconds: number;
  readonly stdout: Sink;
  readonly stderr: Sink;
}

/** Runs `opsfold <argv>` in this process; throws CommandFailed on a non-zero exit. */
export const runCli = async (argv: readonly string[]): Promise<CliRun> => {
  const stdout = new Sink();
  const stderr = new Sink();
  const io = { stdout, stderr, cwd: process.cwd(), env: process.env, now: () => Date.now() };
  const t0 = process.hrtime.bigint();
  const code = await main(await benchCommands(), argv, io);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code !== 0) throw new CommandFailed(`opsfold ${argv.join(' ')}`, code, stderr.text);
  return { seconds, stdout, stderr };
};

/** A GC function: node's --expose-gc if given, else enabled at run time through v8 flags, else none. */
export const setupGc = (): { gc: (() => void) | null; how: string } => {
  const given = (globalThis as { gc?: () => void }).gc;
  if (typeof given === 'function') return { gc: given, how: '--expose-gc' };
  try {
    setFlagsFromString('--expose-gc');
    return { gc: runInNewContext('gc') as () => void, how: "v8.setFlagsFromString('--expose-gc')" };
  } catch {
    return { gc: null, how: 'unavailable' };
  }
};

const MB = 2 ** 20;
/** Peak RSS of the whole process so far, in MB. maxRSS is monotonic: it never goes down. */
export const maxRssMb = (): number => (process.resourceUsage().maxRSS * 1024) / MB;

export interface Phase<T> {
  readonly value: T;
  /** process maxRSS after the phase (monotonic: includes every earlier phase). */
  readonly maxRssMb: number;
  /** highest RSS sampled every 10 ms during this phase (memory still held from earlier phases counts). */
  readonly sampledPeakMb: number;
  /** RSS when the phase began, after its GC. */
  readonly rssAtStartMb: number;
}

/** Runs `fn` after a GC, sampling RSS while it runs. */
export const phase = async <T>(gc: (() => void) | null, fn: () => Promise<T>): Promise<Phase<T>> => {
  gc?.();
  const atStart = process.memoryUsage.rss();
  let peak = atStart;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, maxRssMb: maxRssMb(), sampledPeakMb: peak / MB, rssAtStartMb: atStart / MB };
  } finally {
    clearInterval(timer);
  }
};

/** Times `fn` `repeat` times (GC before each); returns every run's seconds and its last value. */
export const repeatTimed = async <T>(repeat: number, gc: (() => void) | null, fn: () => Promise<T>) => {
  const runs: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < repeat; i++) {
    gc?.();
    const t0 = process.hrtime.bigint();
    value = await fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { runs, best: Math.min(...runs), value: value as T };
};
