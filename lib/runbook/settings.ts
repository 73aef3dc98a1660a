// The orchestrator's config with its defaults applied, in one place: every reader (summary, policy,
// test) sees the same values the orchestrator would have used.
import type { TosConfig } from './codecs.js';

export interface JobLoopSettingsResolved {
  readonly enabled: boolean;
  readonly maxJobs: number | null;
  readonly jobName: string | null;
  readonly inputPath: string;
  readonly resultPath: string;
}

export interface TosSettings {
  readonly logsDir: string;
  readonly workspaceDir: string;
  readonly maxSteps: number;
  readonly timeoutSec: number;
  /** The argv `runbook run` starts for each step; null when the config names none. */
  readonly orchestrator: readonly string[] | null;
  readonly stopOnDeny: boolean;
  readonly defaultAction: string;
  readonly denyIfContains: readonly string[];
  readonly denyPatterns: readonly string[];
  readonly allowTypes: readonly string[];
  readonly experimental: boolean;
  readonly jobLoop: JobLoopSettingsResolved;
}

export const DEFAULT_JOB_INPUT = 'workspace/artifacts/job_input.json';
export const DEFAULT_JOB_RESULT = 'workspace/artifacts/job_result.json';

const jobLoopOf = (config: TosConfig): JobLoopSettingsResolved => {
  const s = config.s5_settings?.job_loop ?? {};
  const enabled = s.enabled ?? false;
  // main() falls back to max_jobs 1 and job_name "default" only when the loop runs; the summary of a
  // disabled loop shows whatever the config holds (None when absent).
  return {
    enabled,
    maxJobs: s.max_jobs ?? (enabled ? 1 : null),
    jobName: s.job_name ?? (enabled ? 'default' : null),
    inputPath: s.job_input?.path || DEFAULT_JOB_INPUT,
    resultPath: s.job_result?.path || DEFAULT_JOB_RESULT,
  };
};

const policyOf = (c: TosConfig) => {
  const policy = c.execution_policy ?? {};
  return {
    stopOnDeny: policy.stop_on_deny ?? true,
    defaultAction: policy.default_action ?? 'allow',
    denyIfContains: policy.deny_if_contains ?? [],
  };
};

/** Pure: the settings a config (or no config: null) stands for, with the orchestrator's defaults. */
export const settingsOf = (config: TosConfig | null): TosSettings => {
  const c = config ?? {};
  return {
    logsDir: c.logs_dir ?? 'logs',
    workspaceDir: c.workspace_dir ?? 'workspace',
    maxSteps: c.max_steps ?? 8,
    timeoutSec: c.timeout_sec ?? 120,
    orchestrator: c.orchestrator_command ?? null,
    ...policyOf(c),
    denyPatterns: c.deny_patterns ?? [],
    allowTypes: c.allow_types ?? ['powershell'],
    experimental: c.s5_settings?.enabled ?? false,
    jobLoop: jobLoopOf(c),
  };
};
