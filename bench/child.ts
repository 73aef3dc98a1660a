// The bench's child process: runs one measured thing alone in a fresh node, so its peak RSS is its own
// (process.resourceUsage().maxRSS, a high-water mark no earlier phase can inflate), then prints one JSON
// line. `cli <argv…>` runs opsfold's own lazy command table in-process with a counting stdout (so 700 MB
// of output is not piped back); `raw <file>` runs the raw baseline (read, split, JSON.parse).
import { baseline } from './baseline.js';
import { readFile } from 'node:fs/promises';
import { Sink } from './sink.js';
import { main } from '../runners/cli/main.js';
import type { Command } from '../runners/cli/command.js';
import { bundledMain, loadCommand, type CommandEntry } from '../runners/cli/lazy.js';
import { MANIFEST_NAME } from '../runners/lazy-commands.js';

export interface ChildResult {
  readonly code: number;
  /** Seconds of the measured work itself, without node's start-up and module loading. */
  readonly seconds: number;
  readonly maxRssMb: number;
  /** CPU seconds of the whole child (user + system, every thread, start-up included). */
  readonly cpuSeconds: number;
  readonly stdoutLines: number;
  readonly stdoutBytes: number;
  /** The first MiB of stdout. */
  readonly stdoutHead: string;
  readonly stderr: string;
  /** raw only: lines parsed. */
  readonly events?: number;
}

const rssMb = (): number => (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const cpuSeconds = (): number => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};

/**
 * The one command `argv` names, with its implementation already imported: what the bin loads for it,
 * and no more, so the timed part is the command's own work and the RSS is what the bin would hold.
 */
const commandFor = async (argv: readonly string[]): Promise<{ table: Command[]; run: typeof main }> => {
  const text = await readFile(new URL(`../runners/${MANIFEST_NAME}`, import.meta.url), 'utf8');
  const entries = (JSON.parse(text) as CommandEntry[])
    .filter((e) => e.path.every((w, i) => argv[i] === w))
    .sort((a, b) => b.path.length - a.path.length);
  if (entries[0] === undefined) throw new Error(`no command ${argv.join(' ')}`);
  const table = [await loadCommand(entries[0])];
  // The bundle's own `main`, as the bin runs it (runners/cli/lazy.ts).
  return { table, run: (await bundledMain([entries[0]], table, argv)) ?? main };
};

const cli = async (argv: readonly string[]): Promise<ChildResult> => {
  const { table, run } = await commandFor(argv);
  const stdout = new Sink();
  const stderr = new Sink();
  const t0 = process.hrtime.bigint();
  const io = { stdout, stderr, cwd: process.cwd(), env: process.env, now: () => Date.now() };
  const code = await run(table, argv, io);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = { stdoutLines: stdout.lines, stdoutBytes: stdout.bytes, stdoutHead: stdout.text };
  return { code, seconds, maxRssMb: rssMb(), cpuSeconds: cpuSeconds(), ...out, stderr: stderr.text };
};

const raw = async (file: string): Promise<ChildResult> => {
  const t0 = process.hrtime.bigint();
  const r = await baseline(file);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const out = { stdoutLines: 0, stdoutBytes: 0, stdoutHead: '', stderr: '' };
  return { code: 0, seconds, maxRssMb: rssMb(), cpuSeconds: cpuSeconds(), ...out, events: r.events };
};

const [kind, ...rest] = process.argv.slice(2);
const result = kind === 'raw' ? await raw(rest[0] ?? '') : await cli(rest);
process.stdout.write(`${JSON.stringify(result)}\n`);
