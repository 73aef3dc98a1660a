// `npm run bench`: every performance target of the project, each measured as a ratio against a
// baseline taken in the same run, each phase checking its own output (event counts, cursors, exit
// codes) so that a fast wrong answer fails the bench. Exit 0 when measured (even with a MISS), 1 when
// a check failed, 64 on a usage error.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../runners/cli/package-root.js';
import { ensureRoom } from './generate.js';
import { FULL, QUICK, type Ctx, type PhaseResult } from './phase.js';
import { backlog, firstReconcile, incremental } from './phase-reconcile.js';
import { poll, replay } from './phase-replay.js';
import { longLine } from './phase-long-line.js';
import { jetstream } from './phase-jetstream.js';
import { queueKpi, startup, versusReference } from './phase-other.js';
import { formatText, report } from './report.js';

type Phase = (c: Ctx) => PhaseResult | Promise<PhaseResult>;

const PHASES: Readonly<Record<string, Phase>> = {
  startup: (c) => startup(c, packageRoot()),
  incremental,
  'first-reconcile': firstReconcile,
  replay,
  poll,
  backlog,
  'long-line': longLine,
  'queue-kpi': queueKpi,
  jetstream,
  'versus-reference': versusReference,
};

const HELP = `Usage: npm run --silent bench -- [--only PHASE[,PHASE]] [--quick] [--versus-reference] [--dir D] [--json]

Phases (all by default, in this order):
  startup           opsfold --help and loop status, cold, vs node -e 0 (≤ 3 ×)
  incremental       loop reconcile of +10 events on a 100k log, cold process, vs node -e 0 (≤ 2.5 ×)
  first-reconcile   first loop reconcile of 100k events vs a cold raw read+parse (≤ 1.5 ×)
  replay            loop project-state --from-start over 1M events vs raw JSON.parse (≥ 0.8 ×, ≤ 150 MB)
  poll              loop poll-events --from-start over 1M events (≤ 1.5 × replay, ≤ 150 MB)
  backlog           loop reconcile of 1M and 2M backlogs (≤ 200 MB each)
  long-line         one 100 MB line vs 100 MB of ordinary lines (≤ 2 ×); over-long refused
  queue-kpi         queue kpi over 1M orch_runs.jsonl lines vs raw (≥ 0.9 ×)
  jetstream         ship 1M events to a local nats-server; fold them from the stream vs from the file
  versus-reference  +10 events: the reference's ops-manager-reconcile.sh vs loop reconcile (≥ 100 ×);
                    runs only with --versus-reference and SUPERLOOP_REF=<superloop checkout>

Options:
  --only P,Q          run only these phases
  --quick             small inputs (seconds): every phase runs and checks its output; timings mean nothing
  --versus-reference  run the versus-reference phase (needs SUPERLOOP_REF)
  --dir D             scratch space (default: a new dir under ${tmpdir()}); removed at the end
  --json              print the report as one JSON object
Needs npm run build (it runs from dist/ and spawns dist/runners/opsfold.js).
`;

const parse = () => {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'versus-reference': { type: 'boolean', default: false },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const only = values.only?.split(',').map((p) => p.trim()) ?? null;
  const unknown = only?.filter((p) => !(p in PHASES)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown phase ${unknown.join(', ')}`);
  return { ...values, only };
};

const selected = (o: ReturnType<typeof parse>): string[] =>
  Object.keys(PHASES).filter((id) =>
    o.only === null ? id !== 'versus-reference' || o['versus-reference'] : o.only.includes(id),
  );

const runPhases = async (o: ReturnType<typeof parse>, root: string): Promise<PhaseResult[]> => {
  const sizes = o.quick ? QUICK : FULL;
  const ref = o['versus-reference'] ? (process.env['SUPERLOOP_REF'] ?? null) : null;
  const results: PhaseResult[] = [];
  for (const id of selected(o)) {
    const dir = join(root, id);
    mkdirSync(dir, { recursive: true });
    const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
    progress(`[${id}]`);
    try {
      results.push(await (PHASES[id] as Phase)({ sizes, dir, progress, versusReference: ref }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
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
  const base = o.dir === undefined ? tmpdir() : resolve(o.dir);
  mkdirSync(base, { recursive: true });
  if (!o.quick) ensureRoom(base, 1200 * 2 ** 20);
  const root = mkdtempSync(join(base, 'opsfold-bench-'));
  const start = loadavg();
  try {
    const r = report(o.quick ? 'quick' : 'full', start, await runPhases(o, root));
    process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : formatText(r));
    return 0;
  } catch (err) {
    process.stderr.write(`bench: FAILED: ${(err as Error).message}\n`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
};

process.exitCode = await run();
