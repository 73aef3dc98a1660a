// The harness thresholds and lists, with the seed's numbers as defaults (seed 004 §2.2–2.4): 900 s for
// worktree/artifact freshness and event age, 1800 s for closeout `*active.json`, 2 consecutive cycles
// before ESCALATE. Progress markers and a WORK_STARTED+ spawn state prove life only while the task's
// newest evidence is younger than the same 900 s: read literally, §2.2 lets a kept dispatch marker keep a
// task alive forever, and then the §2.3 escalation could never fire for a bot that died after starting. Decisions read these; no threshold is a literal inside a reducer.
import type { HarnessConfigFile } from './input-codecs.js';

export interface WatchdogConfig {
  readonly aliveMtimeS: number;
  readonly activeJsonS: number;
  readonly stallEventAgeS: number;
  readonly escalateAfterCycles: number;
  readonly throttleK: number;
  readonly throttleN: number;
  readonly staleEvidenceAfterS: number | null;
  readonly criticalTasks: readonly string[];
  readonly escalateTasks: readonly string[];
  readonly terminalStatuses: readonly string[];
}

export interface HarnessConfig {
  readonly schedulerDir: string | null;
  readonly zone: string;
  readonly controllerSystemPrompt: string | null;
  readonly fallbackAfterMin: number;
  readonly watchdog: WatchdogConfig;
  readonly sink: {
    readonly command: readonly string[] | null;
    readonly webhook: string | null;
    readonly tokenEnv: string | null;
    readonly timeoutMs: number;
    readonly alertConfigFile: string | null;
    readonly alertCategory: string;
  };
}

/** Terminal timer statuses (seed §5.3 "task-timers status 종결"). */
export const DEFAULT_TERMINAL = ['completed', 'done', 'finished', 'closed', 'cancelled', 'failed'];

/** Throttle windows are folded from the last this-many cycles per task. */
export const MAX_THROTTLE_WINDOW = 64;

export const defaultWatchdogConfig: WatchdogConfig = {
  aliveMtimeS: 900,
  activeJsonS: 1800,
  stallEventAgeS: 900,
  escalateAfterCycles: 2,
  throttleK: 3,
  throttleN: 6,
  staleEvidenceAfterS: 900,
  criticalTasks: [],
  escalateTasks: [],
  terminalStatuses: DEFAULT_TERMINAL,
};

const or = <T>(v: T | undefined, d: T): T => (v === undefined ? d : v);

const watchdogOf = (file: HarnessConfigFile): WatchdogConfig => {
  const w = file.watchdog ?? {};
  const d = defaultWatchdogConfig;
  return {
    aliveMtimeS: or(w.alive_mtime_s, d.aliveMtimeS),
    activeJsonS: or(w.active_json_s, d.activeJsonS),
    stallEventAgeS: or(w.stall_event_age_s, d.stallEventAgeS),
    escalateAfterCycles: or(w.escalate_after_cycles, d.escalateAfterCycles),
    throttleK: or(w.throttle_k, d.throttleK),
    throttleN: or(w.throttle_n, d.throttleN),
    // null (explicit) is the opt-out: the seed's literal rule, evidence that never expires.
    staleEvidenceAfterS: or(w.stale_evidence_after_s, d.staleEvidenceAfterS),
    criticalTasks: or(file.critical_tasks, []),
    escalateTasks: or(file.escalate_tasks, []),
    terminalStatuses: or(file.terminal_statuses, DEFAULT_TERMINAL),
  };
};

/** Pure: the configuration from harness.config.json (absent keys take the seed defaults). */
export const configOf = (file: HarnessConfigFile): HarnessConfig => ({
  schedulerDir: or(file.scheduler_dir, null),
  zone: or(file.zone, '+09:00'),
  controllerSystemPrompt: or(file.controller_system_prompt, null),
  fallbackAfterMin: or(file.fallback_after_min, 30),
  watchdog: watchdogOf(file),
  sink: {
    command: or(file.sink?.command, null),
    webhook: or(file.sink?.webhook, null),
    tokenEnv: or(file.sink?.token_env, null),
    timeoutMs: or(file.sink?.timeout_ms, 10_000),
    alertConfigFile: or(file.sink?.alert_config_file, null),
    alertCategory: or(file.sink?.alert_category, 'harness_escalation'),
  },
});

/** Pure: why a configuration cannot be used (empty when it can). */
export const configProblems = (c: HarnessConfig): string[] => {
  const w = c.watchdog;
  const problems: string[] = [];
  const positive: [string, number][] = [
    ['watchdog.alive_mtime_s', w.aliveMtimeS],
    ['watchdog.active_json_s', w.activeJsonS],
    ['watchdog.stall_event_age_s', w.stallEventAgeS],
    ['watchdog.escalate_after_cycles', w.escalateAfterCycles],
    ['watchdog.throttle_k', w.throttleK],
    ['watchdog.throttle_n', w.throttleN],
  ];
  for (const [name, v] of positive)
    if (!(Number.isInteger(v) && v > 0)) problems.push(`${name}: expected a positive integer, got ${v}`);
  if (w.throttleN > MAX_THROTTLE_WINDOW)
    problems.push(`watchdog.throttle_n: at most ${MAX_THROTTLE_WINDOW}, got ${w.throttleN}`);
  if (!/^(Z|[+-]\d\d:\d\d)$/.test(c.zone)) problems.push(`zone: expected Z or ±HH:MM, got ${c.zone}`);
  return problems;
};
