// The phases that wrap measures kept from before (cold start, queue kpi) and the side-by-side run
// against the reference's own reconcile script, on copies of one generated tree.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchColdStart, COLD_START_TARGET, formatColdStart } from './cold-start.js';
import { appendEvents, generateRepo, layoutOf, LOOP_ID } from './generate.js';
import { benchQueueKpi } from './queue-kpi.js';
import { bin, CheckFailed, expect, median } from './spawn.js';
import { ingested, reconcileArgs } from './phase-reconcile.js';
import { n, s, target, x, type Ctx, type PhaseResult } from './phase.js';

export const startup = (c: Ctx, pkgRoot: string): PhaseResult => {
  const r = benchColdStart(pkgRoot, Math.max(c.sizes.spawns, 1));
  return {
    id: 'startup',
    title: 'cold start: opsfold --help and loop status vs node -e 0',
    lines: formatColdStart(r),
    targets: r.commands.map((row) =>
      target(
        `startup.${row.command.split(' ').slice(1, 3).join('-')}`,
        `${row.command.split(' (')[0] ?? row.command} ≤ ${COLD_START_TARGET} × node -e 0`,
        x(row.ratio),
        row.ratio <= COLD_START_TARGET,
      ),
    ),
    figures: Object.fromEntries(r.commands.map((row, i) => [`ratio${i}`, row.ratio])),
  };
};

export const queueKpi = async (c: Ctx): Promise<PhaseResult> => {
  const q = await benchQueueKpi(c.dir, c.sizes.kpiLines);
  return {
    id: 'queue-kpi',
    title: `queue kpi over ${n(q.lines)} orch_runs.jsonl lines vs the raw baseline (in-process)`,
    lines: [`kpi ${s(q.kpiMs)}, raw baseline ${s(q.baselineMs)} = ${x(q.ratio)} the baseline's throughput`],
    targets: [target('queue-kpi.throughput', 'queue kpi ≥ 0.9 × raw throughput', x(q.ratio), q.ratio >= 0.9)],
    figures: { kpiMs: q.kpiMs, baselineMs: q.baselineMs, ratio: q.ratio },
  };
};

const SKIP = 'set SUPERLOOP_REF=<superloop checkout> and pass --versus-reference to run it';

const reference = (script: string, repo: string): number => {
  const t0 = process.hrtime.bigint();
  const args = [script, '--repo', repo, '--loop', LOOP_ID, '--alerts-enabled', 'false'];
  const r = spawnSync('bash', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 3_600_000,
  });
  if (r.status !== 0)
    throw new CheckFailed(`reference reconcile exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

/**
 * The reference resumes from `.eventLineOffset` in its cursor file. Its own first pass over 100k events
 * (a jq call per event) takes far longer than the whole bench, so its cursor is written at the end
 * of the log instead: both tools then resume from their own saved cursor, as the issue measures.
 */
const seedReferenceCursor = (repo: string, lines: number): void => {
  const dir = join(repo, '.superloop', 'ops-manager', LOOP_ID);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cursor.json'), `${JSON.stringify({ eventLineOffset: lines })}\n`);
};

export const versusReference = (c: Ctx): PhaseResult => {
  const script =
    c.versusReference === null ? null : join(c.versusReference, 'scripts', 'ops-manager-reconcile.sh');
  const id = 'versus-reference';
  const title = `incremental reconcile (+${c.sizes.appended} on ${n(c.sizes.reconcileEvents)}) vs the reference's`;
  if (script === null || !existsSync(script))
    return { id, title, lines: [`skipped: ${SKIP}`], targets: [], figures: {}, skipped: SKIP };
  const { layout } = generateRepo(join(c.dir, 'ours'), c.sizes.reconcileEvents);
  const theirs = layoutOf(join(c.dir, 'theirs'));
  cpSync(layout.repo, theirs.repo, { recursive: true });
  c.progress('versus-reference: opsfold first pass; the reference cursor seeded at the end of the log');
  bin(reconcileArgs(layout.repo));
  seedReferenceCursor(theirs.repo, c.sizes.reconcileEvents);
  const ours: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < Math.max(1, Math.min(3, c.sizes.spawns)); i++) {
    appendEvents(layout.events, c.sizes.appended);
    appendEvents(theirs.events, c.sizes.appended);
    ours.push(bin(reconcileArgs(layout.repo)).ms);
    expect('opsfold re-run events ingested', ingested(layout.repo), c.sizes.appended);
    ref.push(reference(script, theirs.repo));
  }
  const ratio = median(ref) / median(ours);
  return {
    id,
    title,
    lines: [`reference ${s(median(ref))}, opsfold ${s(median(ours))}: opsfold ${x(ratio)} faster`],
    targets: [
      target('versus-reference', 'opsfold ≥ 100 × faster than the reference', x(ratio), ratio >= 100),
    ],
    figures: { referenceMs: median(ref), opsfoldMs: median(ours), ratio },
  };
};
