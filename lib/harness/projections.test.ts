// The kernel's law for the harness logs: folding any split from a checkpoint equals the full fold, and
// folds are deterministic; and each registered decoder accepts exactly the records its projection folds.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { positionEvents } from '../testing/given.js';
import { replayLaws } from '../testing/replay-laws.js';
import { fold } from '../core/projection.js';
import { blankObservation, observe, set } from './observation-builder.js';
import { observationsProjection } from './observations-projection.js';
import { harnessProjections } from './registry.js';
import { collectProjection } from './collect-projection.js';
import { watchdogProjection } from './watchdog-projection.js';
import { decideCycle } from './cycle.js';
import { defaultWatchdogConfig } from './config.js';

const at = (m: number) => `2026-05-28T13:${String(m).padStart(2, '0')}:00+09:00`;
const observations = Array.from({ length: 24 }, (_, i) =>
  observe(
    blankObservation(`task-${2700 + (i % 3)}`, at(20 + i)),
    ...(i % 2 === 0 ? [set.timer('running')] : []),
    ...(i % 3 === 0 ? [set.session('seen')] : []),
    ...(i > 10 ? [set.worktree(at(20 + i))] : []),
  ),
);

describe('harness projections', () => {
  it('observations: incremental == full, deterministic', () => {
    expect(replayLaws(observationsProjection(), positionEvents(observations))).toMatchObject({ ok: true });
  });
  it('observations: the spawn state moves with the evidence and counts its transitions', () => {
    const s = fold(observationsProjection(), positionEvents(observations));
    expect(s.records).toBe(24);
    expect(s.tasks['task-2700']).toMatchObject({ observations: 8, spawn: 'WORK_STARTED' });
    expect(s.tasks['task-2700']!.transitions).toBeGreaterThan(0);
  });
  it('watchdog: incremental == full over real cycle records', () => {
    const observed = fold(observationsProjection(), positionEvents(observations));
    const records = [0, 1, 2].flatMap((i) =>
      decideCycle(
        observed,
        fold(watchdogProjection, positionEvents([])),
        Date.parse(at(50)) + i,
        defaultWatchdogConfig,
      ),
    );
    expect(replayLaws(watchdogProjection, positionEvents(records))).toMatchObject({ ok: true });
  });
  it('collect: a collected task stays collected by its first path', () => {
    const base = {
      schema_version: 1 as const,
      as_of: at(1),
      task_id: 't',
      markers: [],
      stage: 'DONE' as const,
      timer_status: 'completed',
    };
    const s = fold(
      collectProjection,
      positionEvents([
        { ...base, kind: 'collect_collected' as const, path: 'closeout_marker_watcher' as const },
        { ...base, kind: 'collect_collected' as const, path: 'normal_callback' as const },
      ]),
    );
    expect(s.tasks['t']?.collected?.path).toBe('closeout_marker_watcher');
  });
  it('every registered decoder accepts the records its projection folds and rejects others', () => {
    const r = harnessProjections['harness-observations']!;
    expect(E.isRight(r.decode(observations[0]))).toBe(true);
    expect(E.isLeft(r.decode({ ...observations[0], session: null }))).toBe(true);
    expect(E.isLeft(harnessProjections['harness-watchdog']!.decode(observations[0]))).toBe(true);
    expect(Object.keys(harnessProjections).every((k) => harnessProjections[k]!.projection.name === k)).toBe(
      true,
    );
  });
});
