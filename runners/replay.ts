// opsfold replay: folds JSONL logs through any registered projection and prints the state, so any
// projection can be re-run, compared with an earlier output (--expect) and checked against the replay
// laws on real data (--check-laws). Law: the same files in the same (sorted) order print the same bytes.
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { Positioned } from '../lib/core/projection.js';
import { stableJson } from '../lib/core/stable-json.js';
import { discover } from '../lib/io/discover.js';
import { iterateJsonlBatches, type JsonlItem } from '../lib/io/jsonl.js';
import { CorruptLineError } from '../lib/io/jsonl-errors.js';
import { projectionNames, projections, type RegisteredProjection } from '../lib/projections.js';
import { diffJson } from '../lib/core/json-diff.js';
import { str, type Command, type Io, type Values } from './cli/command.js';
import { CliError, EXIT, usageError } from './cli/errors.js';
import { readJsonDoc } from './cli/json-doc.js';
import { writeOut } from './cli/write-out.js';

const MAX_DIFF = 50;

const shown = (io: Io, file: string): string => relative(io.cwd, file).split(sep).join('/') || file;

const isFile = async (f: string): Promise<boolean> => (await stat(f).catch(() => null))?.isFile() === true;

/** Each PATH is a file (taken as is) or a glob (expanded under cwd); the union, sorted, without duplicates. */
const expand = async (paths: readonly string[], cwd: string): Promise<string[]> => {
  const all = new Set<string>();
  for (const p of paths) {
    const literal = resolve(cwd, p);
    const exists = await isFile(literal);
    if (!exists && !fg.isDynamicPattern(p)) throw new CliError(`no such file: ${p}`);
    const found = exists ? [literal] : await discover(p, cwd);
    if (found.length === 0) throw new CliError(`no file matches ${p}`, [`the glob is expanded under ${cwd}`]);
    for (const f of found) all.add(f);
  }
  return [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};

const intFlag = (v: Values, name: string, min: number, fallback: number): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min)
    throw usageError(`--${name} must be an integer >= ${min}: ${raw}`);
  return n;
};

const lookup = (name: string | undefined): RegisteredProjection => {
  const entry = name !== undefined && Object.hasOwn(projections, name) ? projections[name] : undefined;
  if (entry !== undefined) return entry;
  const problem =
    name === undefined || name === '' ? '--projection is required' : `unknown projection: ${name}`;
  throw usageError(problem, `registered: ${projectionNames().join(', ')}`);
};

interface Replayed {
  state: unknown;
  events: number;
  /** Only with --check-laws: every event, and the index of the file it came from. */
  readonly kept: Positioned<unknown>[];
  readonly fileOf: number[];
}

interface Ctx {
  readonly io: Io;
  readonly reg: RegisteredProjection;
  readonly acc: Replayed;
}

const take = ({ reg, acc }: Ctx, item: JsonlItem<unknown>, fileIndex: number | null): void => {
  if (item.kind !== 'record') return;
  const event: Positioned<unknown> = { value: item.value, position: item.position };
  acc.state = reg.projection.evolve(acc.state, event);
  acc.events += 1;
  if (fileIndex === null) return;
  acc.kept.push(event);
  acc.fileOf.push(fileIndex);
};

/** Folds one file on top of the state so far; a corrupt line fails closed with file:line:byte. */
const foldOne = async (ctx: Ctx, file: string, fileIndex: number | null): Promise<void> => {
  const { io, reg } = ctx;
  try {
    for await (const batch of iterateJsonlBatches(file, { decode: reg.decode })) {
      for (const item of batch.items) take(ctx, item, fileIndex);
      const torn = batch.end?.tornTail;
      if (torn != null)
        io.stderr.write(
          `note: ${shown(io, file)}: torn tail at byte ${torn.byteOffset} (${torn.bytes} bytes) not read yet\n`,
        );
    }
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`${shown(io, file)}:${err.line}:${err.byteOffset}: ${err.reason}`, [
      `not a valid ${reg.projection.name} record; fix or remove the line, then replay again`,
    ]);
  }
};

const gate = (io: Io, errorLine: string, details: readonly string[]): void => {
  io.stderr.write(`error: ${errorLine}\n${details.map((d) => `  ${d}\n`).join('')}`);
};

interface LawOptions {
  readonly runs: number;
  readonly seed: number;
}

// fast-check is a test-time library: it loads here, for --check-laws, and never on plain replays.
const checkLaws = async (
  { io, reg, acc: r }: Ctx,
  files: readonly string[],
  o: LawOptions,
): Promise<boolean> => {
  const { replayLaws } = await import('../lib/testing/replay-laws.js');
  const res = replayLaws(reg.projection, r.kept, o);
  if (res.ok) {
    io.stderr.write(
      `note: replay laws hold for ${reg.projection.name} over ${r.events} events (${res.runs} runs, seed ${res.seed})\n`,
    );
    return true;
  }
  const { eventIndex, position, splitIndex, chunkSizes } = res.counterexample;
  const file = eventIndex === null ? undefined : files[r.fileOf[eventIndex] ?? -1];
  const where =
    file === undefined || position === null
      ? 'no single event'
      : `${shown(io, file)}:${position.line}:${position.byteOffset}`;
  gate(io, `replay law '${res.law}' fails for ${reg.projection.name} (seed ${res.seed})`, [
    `first counterexample: ${where} (split after ${splitIndex} events, then chunks [${chunkSizes.join(', ')}])`,
    res.message,
    `reproduce with: --check-laws --seed ${res.seed} --runs ${o.runs}`,
  ]);
  return false;
};

interface Expectation {
  readonly file: string;
  readonly projection: unknown;
  readonly state: unknown;
}

/** Reads --expect before any folding, so a missing or malformed expectation fails (exit 1) before output. */
const loadExpectation = async (io: Io, file: string): Promise<Expectation> => {
  const doc = await readJsonDoc(resolve(io.cwd, file), `invalid JSON in --expect ${file}`, file);
  if (!doc.found)
    throw new CliError(`no such file: ${file}`, ['--expect takes the output of an earlier replay']);
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('state' in v)) {
    throw new CliError(`${file} is not a replay output: it has no "state"`);
  }
  const o = v as { projection?: unknown; state: unknown };
  return { file, projection: o.projection, state: o.state };
};

const checkExpect = (io: Io, e: Expectation, name: string, state: unknown): boolean => {
  if (e.projection !== name)
    io.stderr.write(`note: ${e.file} was written for projection ${String(e.projection)}\n`);
  const diff = diffJson(e.state, state, MAX_DIFF + 1);
  if (diff.length === 0) return true;
  const more = diff.length > MAX_DIFF ? [`... more differences not shown (first ${MAX_DIFF} above)`] : [];
  gate(io, `state differs from ${e.file}`, [...diff.slice(0, MAX_DIFF), ...more]);
  return false;
};

const lawOptions = (v: Values): LawOptions | null =>
  v['check-laws'] === true
    ? {
        runs: intFlag(v, 'runs', 1, 100),
        seed: intFlag(v, 'seed', -(2 ** 31), Math.floor(Math.random() * 2 ** 31)),
      }
    : null;

export const replay: Command = {
  path: ['replay'],
  title: 'fold historical logs through a projection; check its laws',
  usage: '--projection <name> <path|glob>... [--check-laws [--runs N] [--seed S]] [--expect FILE] [--pretty]',
  summary:
    'Fold JSONL logs through a registered projection and print { projection, version, files, events, state } as ' +
    'stable JSON. Files are folded in sorted path order; globs are expanded under the working directory.',
  positionals: '<path|glob>...',
  flags: {
    projection: {
      type: 'string',
      arg: 'name',
      help: `Projection to fold with: ${projectionNames().join(', ')}.`,
    },
    'check-laws': {
      type: 'boolean',
      help: 'Check the replay laws on random splits (holds all events in memory).',
    },
    runs: { type: 'string', arg: 'N', help: 'Split/chunking cases tried by --check-laws (default 100).' },
    seed: { type: 'string', arg: 'S', help: 'fast-check seed for --check-laws (default: random, printed).' },
    expect: { type: 'string', arg: 'FILE', help: "Diff the state with FILE's (an earlier replay output)." },
    pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
  },
  exits: {
    [EXIT.ok]: 'ok (and the laws hold / the state is as expected, when asked)',
    [EXIT.error]:
      'bad input: missing file, glob matching nothing, corrupt line (file:line:byte), unreadable --expect',
    [EXIT.gate]:
      'a replay law failed (seed and first counterexample file:line:byte on stderr) or the state differs from --expect',
    [EXIT.usage]: 'usage error: unknown flag or projection, missing --projection or PATH, bad --runs/--seed',
  },
  notes: [
    'The fold streams each file with constant memory; --check-laws keeps every decoded event in memory to re-fold it.',
    'An unterminated last line is a record still being written: it is not read, and a note says so on stderr.',
    'The output is printed even when a law fails or the state differs, so it can be saved as the next --expect.',
  ],
  async run(v, positionals, io) {
    const reg = lookup(str(v, 'projection'));
    if (positionals.length === 0)
      throw usageError('at least one <path|glob> is required', 'see: opsfold replay --help');
    const laws = lawOptions(v);
    const expectFile = str(v, 'expect');
    const expected = expectFile === undefined ? null : await loadExpectation(io, expectFile);
    const files = await expand(positionals, io.cwd);
    const acc: Replayed = { state: reg.projection.initial, events: 0, kept: [], fileOf: [] };
    const ctx: Ctx = { io, reg, acc };
    for (const [i, f] of files.entries()) await foldOne(ctx, f, laws === null ? null : i);
    const { name, version } = reg.projection;
    const out = {
      projection: name,
      version,
      files: files.map((f) => shown(io, f)),
      events: acc.events,
      state: acc.state,
    };
    await writeOut(io.stdout, stableJson(out, v['pretty'] === true));
    const lawsOk = laws === null || (await checkLaws(ctx, files, laws));
    const expectOk = expected === null || checkExpect(io, expected, name, acc.state);
    return lawsOk && expectOk ? EXIT.ok : EXIT.gate;
  },
};
