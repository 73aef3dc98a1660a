// The fold over memory/harness/watchdog.jsonl: the last cycle number, and per task its last decision
// and the recent alerts the throttle counts. Law: evolve is total; records of the same cycle never
// advance the cycle twice; the alert window keeps only the last MAX_THROTTLE_WINDOW cycles.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import type { Projection } from '../core/projection.js';
import { MAX_THROTTLE_WINDOW } from './config.js';
import { WatchdogLine, type AlertClass, type WatchdogDecisionRecord } from './watchdog-codec.js';

export interface AlertSeen {
  readonly cycle: number;
  readonly alertClass: AlertClass;
  readonly throttled: boolean;
}

export interface TaskWatch {
  readonly last: Pick<
    WatchdogDecisionRecord,
    'cycle' | 'as_of' | 'status' | 'alert_class' | 'consecutive_silent' | 'episode_escalated' | 'spawn_state'
  >;
  readonly alerts: readonly AlertSeen[];
  readonly escalations: number;
}

export interface WatchdogState {
  readonly cycle: number;
  readonly decisions: number;
  readonly deliveries: number;
  readonly failedDeliveries: number;
  readonly tasks: Readonly<Record<string, TaskWatch>>;
}

const initial: WatchdogState = { cycle: 0, decisions: 0, deliveries: 0, failedDeliveries: 0, tasks: {} };

const withDecision = (state: WatchdogState, r: WatchdogDecisionRecord): WatchdogState => {
  const before = state.tasks[r.task_id];
  const alerts = [
    ...(before?.alerts ?? []),
    { cycle: r.cycle, alertClass: r.alert_class, throttled: r.throttled },
  ];
  const task: TaskWatch = {
    last: {
      cycle: r.cycle,
      as_of: r.as_of,
      status: r.status,
      alert_class: r.alert_class,
      consecutive_silent: r.consecutive_silent,
      episode_escalated: r.episode_escalated,
      spawn_state: r.spawn_state,
    },
    alerts: alerts.filter((a) => a.cycle > r.cycle - MAX_THROTTLE_WINDOW),
    escalations: (before?.escalations ?? 0) + (r.deliver ? 1 : 0),
  };
  return {
    ...state,
    cycle: Math.max(state.cycle, r.cycle),
    decisions: state.decisions + 1,
    tasks: { ...state.tasks, [r.task_id]: task },
  };
};

export const watchdogProjection: Projection<WatchdogState, WatchdogLine> = {
  name: 'harness-watchdog',
  version: 1,
  initial,
  evolve: (state, { value }) => {
    if (value.kind === 'watchdog_decision') return withDecision(state, value);
    return {
      ...state,
      deliveries: state.deliveries + 1,
      failedDeliveries: state.failedDeliveries + (value.ok ? 0 : 1),
    };
  },
};

/** Pure: decodes one watchdog.jsonl line; Left is the reason it is corrupt. */
export const decodeWatchdogLine = (v: unknown): E.Either<string, WatchdogLine> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(WatchdogLine, v));
