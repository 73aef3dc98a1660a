// Spawn state laws (seed 004 §1.4), checked over generated observations:
//   1. no single signal ever yields WORK_STARTED or beyond — whatever that signal's values;
//   2. NOT_REGISTERED implies timer, schedule_id, session and artifact are all absent, so removing
//      evidence can never produce NOT_REGISTERED while any of the four is still present;
//   3. adding the second family to a bot-side signal is what WORK_STARTED needs (the seed's example).
// The oracle is the seed's wording, not the implementation. FC_SEED replays a failure (fast-check prints it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TERMINAL } from '../lib/harness/config.js';
import { blankObservation, observe, set } from '../lib/harness/observation-builder.js';
import type { Observation } from '../lib/harness/observation-codec.js';
import { spawnRank, spawnStateOf } from '../lib/harness/spawn-state.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const opts = { terminalStatuses: DEFAULT_TERMINAL };
const AT = '2026-05-28T13:30:00+09:00';
const base = blankObservation('task-2703', AT);
const WORK_STARTED = spawnRank('WORK_STARTED');

type Patch = (o: Observation) => Observation;
const timeArb = fc
  .integer({ min: Date.parse('2026-05-28T12:00:00+09:00'), max: Date.parse('2026-05-28T15:00:00+09:00') })
  .map((ms) => new Date(ms).toISOString());
const MARKERS = [
  'dispatched-hermes-260528.json',
  'dispatched-hermes-260528.spawn-state.json',
  'harness-mvp-active.json',
  'task-md-sha-decision.json',
  'callback-cause.json',
  'callback-launch.json',
  'completion.txt',
  'done',
  'done.notified',
  'anu-notified',
  'escalate',
  'escalate.acked',
];

/** The artifact signal (#6): worktree, artifacts, markers, the callback marker's content — one family. */
const artifactArb: fc.Arbitrary<Patch[]> = fc
  .record({
    worktree: fc.option(timeArb),
    artifact: fc.option(timeArb),
    markers: fc.uniqueArray(fc.tuple(fc.constantFrom(...MARKERS), timeArb), {
      selector: (x) => x[0],
      maxLength: 6,
    }),
    dispatch: fc.option(timeArb),
    callback: fc.option(fc.constantFrom('ANU', 'hermes')),
  })
  .filter((r) => r.worktree !== null || r.artifact !== null || r.markers.length > 0 || r.dispatch !== null)
  .map((r) => [
    ...(r.worktree === null ? [] : [set.worktree(r.worktree)]),
    ...(r.artifact === null ? [] : [set.artifact(r.artifact)]),
    ...r.markers.map(([n, t]) => set.marker(n, t)),
    ...(r.dispatch === null ? [] : [set.dispatch(r.dispatch)]),
    ...(r.callback === null ? [] : [set.callback(r.callback), set.marker('callback-launch.json', AT)]),
  ]);

const timerArb: fc.Arbitrary<Patch[]> = fc
  .record({
    status: fc.constantFrom('pending', 'running', 'completed', 'failed', 'paused'),
    critical: fc.boolean(),
    hb: fc.option(timeArb),
  })
  .map((r) => [set.timer(r.status, { critical: r.critical, heartbeat_at: r.hb })]);

/** One arbitrary per signal of seed §1.2, each touching only its own fields. */
const signals: Record<string, fc.Arbitrary<Patch[]>> = {
  task_id: fc.constant([set.taskId()]),
  schedule_id: fc.stringMatching(/^[0-9A-F]{8}$/).map((id) => [set.scheduleId(id)]),
  bot_key: fc.stringMatching(/^[0-9a-f]{16}$/).map((h) => [set.botKey(h)]),
  session: fc.constantFrom<'seen' | 'unknown'>('seen', 'unknown').map((s) => [set.session(s)]),
  timer: timerArb,
  artifact: artifactArb,
  bot_output: timeArb.map((t) => [set.botOutput(t)]),
  schedule_history: timeArb.map((t) => [set.history(t)]),
};

const fourAbsent = (o: Observation): boolean =>
  o.timer.status === null &&
  o.schedule_id === null &&
  o.session.status === 'absent' &&
  o.worktree.path === null &&
  o.artifact.mtime === null &&
  o.markers.length === 0;

describe('spawn state laws', () => {
  it.each(Object.keys(signals))('the %s signal alone never yields WORK_STARTED or beyond', (name) => {
    fc.assert(
      fc.property(signals[name]!, (patches) => {
        const d = spawnStateOf(observe(base, ...patches), opts);
        expect(spawnRank(d.value)).toBeLessThan(WORK_STARTED);
      }),
      { seed, numRuns: 300 },
    );
  });

  const everything = fc.record(
    Object.fromEntries(Object.entries(signals).map(([k, a]) => [k, fc.option(a)])),
  );
  const removal = fc.record(Object.fromEntries(Object.keys(signals).map((k) => [k, fc.boolean()])));

  it('removing any evidence never produces NOT_REGISTERED while timer, schedule_id, session or artifact is present', () => {
    fc.assert(
      fc.property(everything, removal, (full, removed) => {
        const kept = Object.entries(full).flatMap(([k, p]) => (p === null || removed[k] === true ? [] : p));
        const o = observe(base, ...kept);
        const d = spawnStateOf(o, opts);
        if (d.value === 'NOT_REGISTERED') expect(fourAbsent(o)).toBe(true);
        if (!fourAbsent(o)) expect(d.value).not.toBe('NOT_REGISTERED');
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('WORK_STARTED or beyond always rests on two families, one on the bot side, listed in its reasons', () => {
    fc.assert(
      fc.property(everything, (full) => {
        const o = observe(base, ...Object.values(full).flatMap((p) => p ?? []));
        const d = spawnStateOf(o, opts);
        if (spawnRank(d.value) < WORK_STARTED || d.value === 'DONE') return;
        const r = new Set(d.reasons);
        const families = [
          r.has('timer_running') || r.has('timer_terminal'),
          r.has('session_seen'),
          r.has('worktree_present') || r.has('bot_marker_present') || r.has('artifact_fresh'),
          r.has('bot_output_present'),
          r.has('schedule_history_present'),
        ];
        expect(families.filter(Boolean).length).toBeGreaterThanOrEqual(2);
        expect(families[1] || families[2] || families[3]).toBe(true);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
