// `npm run bench`: generate a Superloop log, then measure in ONE process (a) a raw parse baseline, (b) a
// full `loop project-state` replay and (c) the incremental cost of 1,000 appended events, plus node
// start-up apart. Why one process: the figures share one warm page cache, one JIT and one RSS history,
// so their ratios mean something. Exit 0 on a MISS (it is a measurement), 1 when a command failed.
import { packageRoot } from '../runners/cli/package-root.js';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureRoom, generateRepo, sampleLineBytes } from './generate.js';
import { CheckFailed, CommandFailed, phase, setupGc } from './measure.js';
import { benchColdStart, formatColdStart } from './cold-start.js';
import { fullReplay, incremental, rawBaseline, type Ctx } from './phases.js';
import { coldStartTargets, formatText, machine, targetsOf, type Report } from './report.js';
import { benchReconcile } from './reconcile.js';
import { benchQueueKpi } from './queue-kpi.js';

const HELP = `Usage: npm run --silent bench -- [--events N] [--dir D] [--repeat K] [--json] [--keep]

Generates an N-event Superloop loop log and measures, in one process:
  (a) raw baseline: createReadStream (1 MiB) + Buffer.indexOf split + JSON.parse per line
  (b) opsfold loop project-state --from-start (full replay, snapshot, state file, checkpoint)
  (c) 1,000 appended events (after one untimed poll to the end of the log): loop poll-events +
      loop project-state resumed from the checkpoint written by (b)
then (d) loop reconcile of a separate loop (first pass, then a re-run after 1,000 appended events) and
(e) opsfold queue kpi over a generated orch_runs.jsonl against the raw baseline over that file,
and, separately, cold start: \`opsfold --help\` and \`opsfold loop status\` on fixtures/loop/complete against
\`node -e 0\`, median of 5 spawns each, as ratios (target <= 3 x; needs npm run build).

Options:
  --events N    events to generate (default 1000000, about 190 MB)
  --reconcile-events N   (d) events of the loop reconcile measures (default 100000)
  --kpi-lines N          (e) orch_runs.jsonl lines queue kpi reads (default 1000000)
  --dir D       where to build the repo (D/bench-repo, replaced); default: a new dir under ${tmpdir()}
  --repeat K    runs of (a) and (b), rounds of (c); the best is reported (default 1)
  --json        print the report as one JSON object
  --keep        keep the generated repo (default: removed at the end)
  --cold-start  measure only the cold start (seconds, not minutes)
  --help        show this help

Targets: (b) >= 0.7x (a) events/s and peak RSS < 150 MB; (c) < 2% of (b)'s time.
Exit codes: 0 measured (even with a MISS); 1 a command or a check failed; 64 usage error.
`;

const APPENDED = 1000;
const STARTUP_RUNS = 5;
const pkgRoot = packageRoot();

const positiveInt = (name: string, raw: string): number => {
  if (!/^[1-9][0-9]*$/.test(raw))
    throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
};

const parse = () => {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      'reconcile-events': { type: 'string', default: '100000' },
      'kpi-lines': { type: 'string', default: '1000000' },
      dir: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'cold-start': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return {
    ...values,
    events: positiveInt('events', values.events),
    reconcileEvents: positiveInt('reconcile-events', values['reconcile-events']),
    kpiLines: positiveInt('kpi-lines', values['kpi-lines']),
    repeat: positiveInt('repeat', values.repeat),
  };
};

/** Picks and checks the place for the repo; returns the repo path and what to remove afterwards. */
const prepare = (dir: string | undefined, events: number): { repo: string; cleanup: string } => {
  const base = dir === undefined ? tmpdir() : resolve(dir);
  const repo = dir === undefined ? '' : join(base, 'bench-repo');
  if (repo !== '') rmSync(repo, { recursive: true, force: true });
  const needed = Math.ceil(events * sampleLineBytes() * 1.05 + APPENDED * 400 + 64 * 2 ** 20);
  ensureRoom(base, needed);
  if (repo !== '') {
    mkdirSync(repo, { recursive: true });
    return { repo, cleanup: repo };
  }
  const root = mkdtempSync(join(base, 'opsfold-bench-'));
  return { repo: join(root, 'repo'), cleanup: root };
};

const coldStartOf = (): Report['coldStart'] => {
  const bin = join(pkgRoot, 'dist', 'runners', 'opsfold.js');
  if (!existsSync(bin)) return { skipped: `${bin} is missing; run npm run build first` };
  return benchColdStart(pkgRoot, STARTUP_RUNS);
};

const coldStartOnly = (): number => {
  try {
    const c = coldStartOf();
    const lines = 'skipped' in c ? [`skipped: ${c.skipped}`] : formatColdStart(c);
    const targets = coldStartTargets(c).map(
      (t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.rule.padEnd(36)} ${t.value}`,
    );
    process.stdout.write([...lines, '', 'targets:', ...targets, ''].join('\n'));
    return 0;
  } catch (err) {
    return fail(err);
  }
};

const bench = async (o: ReturnType<typeof parse>, repo: string): Promise<Report> => {
  const { gc, how } = setupGc();
  gc?.();
  const startRssMb = process.memoryUsage.rss() / 2 ** 20;
  const loadAtStart = loadavg();
  const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
  progress(`generating ${o.events} events in ${repo}`);
  const t0 = process.hrtime.bigint();
  const gen = await phase(gc, async () => generateRepo(repo, o.events));
  const generateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ctx: Ctx = { layout: gen.value.layout, events: o.events, repeat: o.repeat, gc, progress };
  const baseline = await rawBaseline(ctx);
  const fullReplayResult = await fullReplay(ctx, baseline);
  const inc = await incremental(ctx, fullReplayResult, APPENDED);
  progress(`(d) loop reconcile of ${o.reconcileEvents} events, then +${APPENDED}`);
  const reconcile = await benchReconcile(join(repo, 'domains'), o.reconcileEvents, APPENDED);
  progress(`(e) queue kpi over ${o.kpiLines} orch_runs.jsonl lines`);
  const queueKpi = await benchQueueKpi(join(repo, 'domains', 'queue'), o.kpiLines);
  progress(`start-up: node -e 0, opsfold --help, opsfold loop status x ${STARTUP_RUNS}`);
  const coldStart = coldStartOf();
  const setup = {
    events: o.events,
    bytes: gen.value.bytes,
    repo,
    repeat: o.repeat,
    gc: how,
    startRssMb,
    loadAverage: { start: loadAtStart, end: loadavg() },
    generateSeconds,
    generateMaxRssMb: gen.maxRssMb,
  };
  const partial = { fullReplay: fullReplayResult, incremental: inc };
  return {
    machine: machine(),
    setup,
    baseline,
    ...partial,
    coldStart,
    reconcile,
    queueKpi,
    targets: [...targetsOf(partial), ...coldStartTargets(coldStart)],
  };
};

const fail = (err: unknown): number => {
  if (err instanceof CommandFailed) {
    process.stderr.write(`bench: FAILED: ${err.message}\n${err.stderr}`);
    return 1;
  }
  process.stderr.write(
    `bench: FAILED: ${err instanceof CheckFailed ? 'check: ' : ''}${(err as Error).message}\n`,
  );
  return 1;
};

const run = async (): Promise<number> => {
  let o: ReturnType<typeof parse>;
  try {
    o = parse();
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n${HELP}`);
    return 64;
  }
  if (o.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (o['cold-start']) return coldStartOnly();
  let place: { repo: string; cleanup: string } | null = null;
  try {
    place = prepare(o.dir, o.events);
    const report = await bench(o, place.repo);
    process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report));
    return 0;
  } catch (err) {
    return fail(err);
  } finally {
    if (place !== null && !o.keep) rmSync(place.cleanup, { recursive: true, force: true });
    else if (place !== null) process.stderr.write(`bench: kept ${place.repo}\n`);
  }
};

process.exitCode = await run();
