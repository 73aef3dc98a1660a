// The shapes of the workspace files the harness reads but does not own: memory/task-timers.json,
// harness.config.json at the workspace root, a sessions file, and the bots' marker JSON files.
// Unknown keys are allowed everywhere: these files belong to other tools.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

export const TaskTimer = t.partial(
  {
    status: t.string,
    critical: t.boolean,
    /** The chair asked for escalation of this task explicitly. */
    escalate_requested: t.boolean,
    heartbeat_at: t.string,
    team: t.string,
    schedule_id: t.string,
    started_at: t.string,
    completed_at: t.string,
  },
  'TaskTimer',
);
export type TaskTimer = t.TypeOf<typeof TaskTimer>;

/** memory/task-timers.json */
export const TaskTimers = t.type({ tasks: t.record(t.string, TaskTimer) }, 'TaskTimers');
export type TaskTimers = t.TypeOf<typeof TaskTimers>;

/** A captured process table (instead of /proc): each process's argv. */
export const SessionsFile = t.type(
  { processes: t.array(t.type({ pid: t.number, argv: t.array(t.string) })) },
  'HarnessSessionsFile',
);
export type SessionsFile = t.TypeOf<typeof SessionsFile>;

export const WatchdogSettings = t.partial(
  {
    /** Worktree / artifact mtime younger than this is alive (seed §2.2 d, e). */
    alive_mtime_s: t.number,
    /** `<task>.*active.json` younger than this is alive (seed §2.4). */
    active_json_s: t.number,
    /** Event age above this (with no alive signal) is a stall (seed §2.2). */
    stall_event_age_s: t.number,
    /** Consecutive silently_stalled cycles before ESCALATE (seed §2.3). */
    escalate_after_cycles: t.number,
    /** Throttle: at most K alerts of one task and class within N cycles (seed §2.4). */
    throttle_k: t.number,
    throttle_n: t.number,
    /**
     * Progress markers and a WORK_STARTED+ spawn state count as alive only while the task's newest
     * evidence is younger than this (default 900 s, the seed's window). null opts out: the seed's literal
     * rule, under which they count forever and such a task never escalates.
     */
    stale_evidence_after_s: nullable(t.number),
  },
  'HarnessWatchdogSettings',
);

export const SinkSettings = t.partial(
  {
    /** argv of a command that receives each ESCALATE as JSON on stdin (no shell). */
    command: t.array(t.string),
    /** URL that receives each ESCALATE as a JSON POST. */
    webhook: t.string,
    /** Name of the env var holding a bearer token for the webhook (never stored). */
    token_env: t.string,
    timeout_ms: t.number,
    /** An alert sink catalog (see `opsfold alerts sink-config`): ESCALATE is routed and sent through it. */
    alert_config_file: t.string,
    /** The alert category ESCALATE is routed as (default harness_escalation). */
    alert_category: t.string,
  },
  'HarnessSinkSettings',
);

/** harness.config.json at the workspace root. */
export const HarnessConfigFile = t.partial(
  {
    scheduler_dir: t.string,
    zone: t.string,
    controller_system_prompt: t.string,
    critical_tasks: t.array(t.string),
    escalate_tasks: t.array(t.string),
    terminal_statuses: t.array(t.string),
    fallback_after_min: t.number,
    watchdog: WatchdogSettings,
    sink: SinkSettings,
  },
  'HarnessConfigFile',
);
export type HarnessConfigFile = t.TypeOf<typeof HarnessConfigFile>;

/** `<task_id>.callback-launch.json`: the bot registered the callback cron (collector_role ANU verified). */
export const CallbackLaunch = t.partial(
  { schedule_id: t.string, collector_role: t.string, envelope_sha: t.string },
  'CallbackLaunch',
);

/** One line of a runtime audit JSONL (PreToolUse hook / Task tool dispatch) naming the executor. */
export const ActorAuditLine = t.intersection(
  [
    t.type({ executor: t.string }),
    t.partial({ ts: t.string, task_id: t.string, commit: t.string, tool: t.string, subagent_type: t.string }),
  ],
  'ActorAuditLine',
);
export type ActorAuditLine = t.TypeOf<typeof ActorAuditLine>;

/** `<task_id>.external-dirty-blocker.json`: files dirty through others, which the scope guard must not blame. */
export const ExternalDirtyBlocker = t.partial(
  { files: t.array(t.string), reason: t.string },
  'ExternalDirtyBlocker',
);

/** A closeout/decision marker JSON (closeout_marker_only tasks): linked to a chair authorization. */
export const CloseoutMarkerDoc = t.partial(
  { chair_authorization_id: t.string, task_id: t.string },
  'CloseoutMarkerDoc',
);

/** A kept finish result read back by `harness status`: only its overall result matters there. */
export const FinishOverall = t.type({ overall: t.string }, 'FinishOverall');

/** A spawn-state sidecar read back before it is rewritten: only its state matters there. */
export const SidecarState = t.partial({ state: t.string }, 'SidecarState');
