// A command is data: its flags (with the text --help prints), its exit codes and one `run`. The help
// text is generated from the same table the parser uses, so --help cannot drift from the behaviour.
import { parseArgs } from 'node:util';
import { usageError } from './errors.js';
import { flagError } from './flag-error.js';
import { readTimeFlag, TIME_ARG } from './time-flag.js';

export interface Flag {
  readonly type: 'string' | 'boolean';
  readonly arg?: string;
  readonly help: string;
  readonly multiple?: boolean;
  /** For a time flag (arg TIME_ARG): a zone-less time is allowed and read in a zone the command defines. */
  readonly naive?: boolean;
  /** An input file: when given, it must exist (exit 1 naming it), never read as absent. */
  readonly input?: boolean;
  /**
   * Another spelling of flag `of` on the same command, kept for the scripts that use it (one spelling
   * per flag family: runners/cli/conventions.ts). Its value stands for `of` when `of` is not given;
   * with `scale` it counts in another unit (--poll-s for --poll-ms: 1000) and the command reads it.
   */
  readonly alias?: { readonly of: string; readonly scale?: number };
}

export interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The wall clock, injected so tests fix it. */
  readonly now: () => number;
  /** The table the command was dispatched from (set by `main`), for a command that runs others. */
  readonly table?: readonly Command[];
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  readonly path: readonly string[];
  /** One line for the top-level command list. */
  readonly title?: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: Readonly<Record<string, Flag>>;
  readonly exits: Readonly<Record<number, string>>;
  readonly positionals?: string;
  readonly notes?: readonly string[];
  /**
   * What stdout carries: a JSON document (any command with --pretty too), JSON lines, human text,
   * or nothing (a server). runners/cli/conventions.ts gives every JSON printer --json from this.
   */
  readonly prints?: 'json' | 'jsonl' | 'text' | 'nothing';
  /**
   * Runs until stopped, answering requests. Every other command runs as a one-shot command
   * (lib/io/one-shot.ts: direct file calls, a process-wide lock fence).
   */
  readonly serves?: boolean;
  run(values: Values, positionals: readonly string[], io: Io): Promise<number>;
}

const pad = (s: string, n: number): string => (s.length >= n ? `${s}  ` : s + ' '.repeat(n - s.length));

/** The --help text of a command, generated from its flag table. */
export const helpOf = (c: Command): string => {
  const flagLines = Object.entries(c.flags).map(
    ([name, f]) => `  ${pad(`--${name}${f.arg === undefined ? '' : ` <${f.arg}>`}`, 30)}${f.help}`,
  );
  const exitLines = Object.entries(c.exits).map(([code, what]) => `  ${pad(code, 6)}${what}`);
  return [
    `Usage: opsfold ${c.path.join(' ')} ${c.usage}`,
    '',
    c.summary,
    '',
    'Options:',
    ...flagLines,
    `  ${pad('--help', 30)}Show this help and exit.`,
    '',
    'Exit codes:',
    ...exitLines,
    ...(c.notes === undefined ? [] : ['', ...c.notes]),
    '',
  ].join('\n');
};

/** Every time flag given must be RFC 3339 (runners/cli/time-flag.ts), before any file is read. */
const checkTimeFlags = (c: Command, values: Values): void => {
  for (const [name, f] of Object.entries(c.flags)) {
    const given = values[name];
    // An empty value is the reference's "not given" for --now; the command itself decides.
    if (f.arg === TIME_ARG && typeof given === 'string' && given !== '')
      readTimeFlag(name, given, f.naive === true);
  }
};

/**
 * Parses argv against the command's flag table; unknown flags and times that are not RFC 3339 are a
 * usage error (exit 64).
 */
export const parseFlags = (
  c: Command,
  argv: readonly string[],
): { values: Values; positionals: string[] } => {
  const parsed = parseArgv(c, argv);
  checkTimeFlags(c, parsed.values);
  return parsed;
};

const parseArgv = (c: Command, argv: readonly string[]): { values: Values; positionals: string[] } => {
  const options = Object.fromEntries(
    Object.entries(c.flags).map(([name, f]) => [name, { type: f.type, multiple: f.multiple === true }]),
  );
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: c.positionals !== undefined,
      strict: true,
    });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (err) {
    throw flagError(err as Error, c.path, [...Object.keys(c.flags), 'help']);
  }
};

/** A string flag's value, or undefined. */
export const str = (v: Values, name: string): string | undefined => {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
};

/** A required string flag (reference wording: `--repo is required`). */
export const required = (v: Values, name: string): string => {
  const x = str(v, name);
  if (x === undefined || x === '') throw usageError(`--${name} is required`);
  return x;
};
