// The fold over memory/harness/watchdog.jsonl: the last cycle number, per task its last decision and
// the recent alerts the throttle counts, and the ESCALATE deliveries still owed (the ledger). Laws: evolve
// is total; records of the same cycle never advance the cycle twice; the alert window keeps only the last
// MAX_THROTTLE_WINDOW cycles; a delivery is owed from its decision until a record of its key says ok.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import type { Projection } from '../core/projection.js';
import { MAX_THROTTLE_WINDOW } from './config.js';
import { deliveryKeyOf, escalationKey } from './escalation-outbox.js';
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
  /** ESCALATE decisions whose delivery no sink has acknowledged yet, by idempotency key. */
  readonly owed: Readonly<Record<string, WatchdogDecisionRecord>>;
}

const initial: WatchdogState = {
  cycle: 0,
  decisions: 0,
  deliveries: 0,
  failedDeliveries: 0,
  tasks: {},
  owed: {},
};

const without = <V>(r: Readonly<Record<string, V>>, key: string): Record<string, V> =>
  Object.fromEntries(Object.entries(r).filter(([k]) => k !== key));

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
    owed: r.deliver ? { ...state.owed, [escalationKey(r.task_id, r.cycle)]: r } : state.owed,
  };
};

export const watchdogProjection: Projection<WatchdogState, WatchdogLine> = {
  name: 'harness-watchdog',
  version: 2,
  initial,
  evolve: (state, { value }) => {
    if (value.kind === 'watchdog_decision') return withDecision(state, value);
    return {
      ...state,
      deliveries: state.deliveries + 1,
      failedDeliveries: state.failedDeliveries + (value.ok ? 0 : 1),
      owed: value.ok ? without(state.owed, deliveryKeyOf(value)) : state.owed,
    };
  },
};

/** Pure: decodes one watchdog.jsonl line; Left is the reason it is corrupt. */
export const decodeWatchdogLine = (v: unknown): E.Either<string, WatchdogLine> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(WatchdogLine, v));
