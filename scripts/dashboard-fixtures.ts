// Generates fixtures/dashboard/three-loops: a repo with three loops whose manager files come from
// running `opsfold loop reconcile` (and `opsfold loop control`) in-process over two simulated hours,
// with the runtime's events and heartbeats appended between passes:
//   healthy-loop   active, an event every minute, heartbeat 20 s old at every pass
//   degraded-loop  stops at 11:50 with an approval request; an `approve` left ambiguous at 11:55
//   critical-loop  events stop at 11:40, heartbeat at 11:53; a refused `cancel` at 11:45
// Deterministic: the clock the commands see advances by a fixed step per reading, so re-running
// produces the same bytes. Usage: tsx scripts/dashboard-fixtures.ts [--out DIR]
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isoSeconds, parseIso } from '../lib/core/time.js';
import { runCaptured } from '../runners/cli/capture.js';
import { packageRoot } from '../runners/cli/package-root.js';
import { commands } from '../runners/commands.js';

const { values } = parseArgs({
  options: { out: { type: 'string', default: 'fixtures/dashboard/three-loops' } },
});
const OUT = values.out as string;
const START = parseIso('2026-02-22T10:00:00Z') as number;
const END = parseIso('2026-02-22T12:00:00Z') as number;
const PASS_MS = 4 * 60_000;
const SHOWN_REPO = '/srv/repo';
const RUN_ID = '20260222T100000Z';
const ROLES = ['planner', 'implementer', 'tester', 'reviewer'];

interface LoopPlan {
  readonly id: string;
  /** Last instant the runtime writes events / heartbeats. */
  readonly eventsUntil: number;
  readonly heartbeatUntil: number;
}

const at = (iso: string): number => parseIso(`2026-02-22T${iso}Z`) as number;
const PLANS: readonly LoopPlan[] = [
  { id: 'healthy-loop', eventsUntil: END, heartbeatUntil: END },
  { id: 'degraded-loop', eventsUntil: at('11:50:00'), heartbeatUntil: at('11:57:00') },
  { id: 'critical-loop', eventsUntil: at('11:40:00'), heartbeatUntil: at('11:53:00') },
];

// A fixed scratch path: the manager fingerprints file heads that contain it, so it must not vary.
const scratch = join(tmpdir(), 'opsfold-dashboard-fixtures');
rmSync(scratch, { recursive: true, force: true });
const repo = join(scratch, 'repo');
const sl = join(repo, '.superloop');
const loopDir = (id: string) => join(sl, 'loops', id);
const json = (file: string, v: unknown) => writeFileSync(file, `${JSON.stringify(v, null, 2)}\n`);

// One event per simulated minute; an iteration takes nine: its start, then each role's start and end.
const eventAt = (id: string, ms: number) => {
  const minute = Math.round((ms - START) / 60_000);
  const iteration = Math.floor(minute / 9) + 1;
  const step = minute % 9;
  const role = ROLES[Math.floor((step - 1) / 2)] as string;
  const base = { timestamp: isoSeconds(ms), loop_id: id, run_id: RUN_ID, iteration };
  if (minute === 0) return { ...base, event: 'loop_start', data: { max_iterations: 40 } };
  if (step === 0) return { ...base, event: 'iteration_start', data: { started_at: isoSeconds(ms) } };
  return step % 2 === 1
    ? { ...base, event: 'role_start', role, data: {} }
    : {
        ...base,
        event: 'role_end',
        role,
        status: 'ok',
        data: { duration_ms: 50_000 + (minute % 7) * 1_000 },
      };
};

const written = new Map<string, number>();

const appendEvents = (plan: LoopPlan, upTo: number): void => {
  const from = written.get(plan.id) ?? START - 60_000;
  const lines: string[] = [];
  let last = from;
  for (let ms = from + 60_000; ms <= Math.min(upTo, plan.eventsUntil); ms += 60_000) {
    lines.push(JSON.stringify(eventAt(plan.id, ms)));
    last = ms;
  }
  if (lines.length > 0) appendFileSync(join(loopDir(plan.id), 'events.jsonl'), `${lines.join('\n')}\n`);
  written.set(plan.id, last);
};

const heartbeat = (plan: LoopPlan, now: number): void => {
  const ms = Math.min(now - 20_000, plan.heartbeatUntil);
  const v = {
    schemaVersion: 'v1',
    timestamp: isoSeconds(ms),
    source: 'runtime',
    status: 'running',
    stage: 'iteration',
  };
  json(join(loopDir(plan.id), 'heartbeat.v1.json'), v);
};

const requestApproval = (id: string): void => {
  const ms = at('11:50:00');
  const ev = {
    timestamp: isoSeconds(ms),
    event: 'approval_requested',
    loop_id: id,
    run_id: RUN_ID,
    iteration: 7,
    data: {},
  };
  appendFileSync(join(loopDir(id), 'events.jsonl'), `${JSON.stringify(ev)}\n`);
  json(join(loopDir(id), 'approval.json'), {
    status: 'pending',
    loop_id: id,
    run_id: RUN_ID,
    iteration: 7,
    requested_at: isoSeconds(ms),
    candidate: { gates: { tests: 'ok', validation: 'ok', checklist: 'ok', evidence: 'ok' } },
  });
};

// The commands read the clock a varying number of times; a fixed step per reading keeps them reproducible.
// The step varies with the pass so reconcile durations (and their chart) are not all the same.
let ticks = 0;
let step = 700;
const fakeNow = (anchor: number) => () => anchor + (ticks += 1) * step;

const run = async (argv: string[], anchor: number): Promise<void> => {
  ticks = 0;
  step = 700 + ((anchor / PASS_MS) % 7) * 450;
  const r = await runCaptured(commands, argv, { cwd: repo, env: {}, now: fakeNow(anchor) });
  if (r.code !== 0 && r.code !== 1 && r.code !== 2)
    throw new Error(`${argv.join(' ')} → ${r.code}\n${r.stderr}`);
};

const reconcile = (id: string, ms: number) =>
  run(
    [
      'loop',
      'reconcile',
      '--repo',
      repo,
      '--loop',
      id,
      '--as-of',
      isoSeconds(ms),
      '--trace-id',
      `trace-${id}-${ms / 1000}`,
    ],
    ms,
  );

const control = (id: string, intent: string, iso: string) =>
  run(
    [
      'loop',
      'control',
      '--repo',
      repo,
      '--loop',
      id,
      '--intent',
      intent,
      '--by',
      'ops-user',
      '--timeout-seconds',
      '0',
    ].concat(['--trace-id', `trace-${id}-${intent}`, '--idempotency-key', `${id}-${intent}-1`]),
    at(iso),
  ).then(() => undefined);

// Absolute paths of this machine, and inode numbers, would make every run's bytes differ.
const normalise = (dir: string): void => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) normalise(p);
    else {
      const text = readFileSync(p, 'utf8')
        .split(repo)
        .join(SHOWN_REPO)
        .split(packageRoot())
        .join('/opt/opsfold');
      writeFileSync(p, text.replace(/"inode":[0-9]+/g, '"inode":0'));
    }
  }
};

const main = async (): Promise<void> => {
  for (const p of PLANS) mkdirSync(loopDir(p.id), { recursive: true });
  for (let t = START + PASS_MS; t <= END; t += PASS_MS) {
    json(join(sl, 'state.json'), {
      active: true,
      loop_index: 0,
      iteration: 1,
      current_loop_id: 'healthy-loop',
      updated_at: isoSeconds(t - 60_000),
    });
    for (const p of PLANS) {
      appendEvents(p, t - 30_000);
      heartbeat(p, t);
      if (p.id === 'degraded-loop' && t === at('11:52:00')) requestApproval(p.id);
      await reconcile(p.id, t);
    }
    if (t === at('11:44:00')) await control('critical-loop', 'cancel', '11:45:00');
    if (t === at('11:52:00')) await control('degraded-loop', 'approve', '11:55:00');
  }
  rmSync(OUT, { recursive: true, force: true });
  cpSync(repo, OUT, { recursive: true, filter: (src) => !src.includes(`${repo}/.opsfold`) });
  normalise(OUT);
  rmSync(scratch, { recursive: true, force: true });
  process.stdout.write(`wrote ${OUT}\n`);
};

await main();
