// opsfold replay: folds JSONL logs through any registered projection and prints the state, so any
// projection can be re-run, compared with an earlier output (--expect) and checked against the replay
// laws on real data (--check-laws). Law: the same files in the same (sorted) order print the same bytes.
import { stableJson } from '../../lib/core/stable-json.js';
import { projectionNames } from '../../lib/projections.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { maxLineBytesFlag, quietFlag } from '../cli/common-flags.js';
import { progressReporter } from '../../lib/io/progress.js';
import { statSync } from 'node:fs';
import { unescaped } from '../cli/safe-stderr.js';
import { expand, intFlag, lookup } from './inputs.js';
import { foldOne, shown, type Ctx, type Replayed } from './fold.js';
import { fleetIdFlag, sourceFlag, sourceUrl } from '../cli/nats-flags.js';
import { checkExpect, checkLaws, loadExpectation, type LawOptions } from './verdicts.js';

/** Progress on stderr over the files' bytes: a terminal only, and never with --quiet. */
const replayProgress = (v: Values, io: Io, files: readonly string[]): NonNullable<Ctx['progress']> => ({
  report: progressReporter(unescaped(io.stderr), {
    label: 'replay',
    quiet: v['quiet'] === true,
    totalBytes: files.reduce((n, f) => n + statSync(f).size, 0),
    now: io.now,
  }),
  bytesBefore: 0,
});

/** Folds the files in order, with progress on a terminal; the files, for the output and the laws. */
const foldFiles = async (
  ctx: Ctx,
  files: readonly string[],
  opts: { readonly v: Values; readonly laws: boolean },
): Promise<string[]> => {
  const progress = replayProgress(opts.v, ctx.io, files);
  const withProgress: Ctx = { ...ctx, progress };
  for (const [i, f] of files.entries()) {
    await foldOne(withProgress, f, opts.laws ? i : null);
    progress.bytesBefore += statSync(f).size;
  }
  progress.report.end();
  return [...files];
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
  usage:
    '--projection <name> (<path|glob>... | --source nats://… --loop <id>) [--check-laws [--runs N] [--seed S]] [--expect FILE] [--pretty]',
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
    expect: {
      type: 'string',
      arg: 'FILE',
      help: "Diff the state with FILE's (an earlier replay output).",
      input: true,
    },
    pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
    'max-line-bytes': maxLineBytesFlag,
    quiet: quietFlag,
    source: sourceFlag,
    loop: { type: 'string', arg: 'id', help: 'With --source: the loop whose shipped events are folded.' },
    fleet: fleetIdFlag,
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
    const url = sourceUrl(v);
    if ((positionals.length === 0) === (url === null))
      throw usageError('give <path|glob>... or --source nats://… --loop <id>', 'see: opsfold replay --help');
    const laws = lawOptions(v);
    const expectFile = str(v, 'expect');
    const expected = expectFile === undefined ? null : await loadExpectation(io, expectFile);
    const acc: Replayed = { state: reg.projection.initial, events: 0, kept: [], fileOf: [] };
    const ctx: Ctx = { io, reg, acc };
    const files =
      url === null
        ? await foldFiles(ctx, await expand(positionals, io.cwd), { v, laws: laws !== null })
        : [await (await import('./stream.js')).foldStream(ctx, url, v, laws !== null)];
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
