// The keys config_v0_3.json may hold. The runbook (seed 003, "正史に反する運用の禁止": operation against the
// canonical context is forbidden) bans settings it does not document: "do not add undefined keys to
// config_v0_3.json" and "do not add undefined modes". The known keys are the ones the runbook documents
// plus the ones the orchestrator's own config_v0_3.json ships (models, retries, prompt templates); a key
// outside them, or a mode outside its values, is refused naming it. Pure.

/** A key with no sub-keys opsfold checks is null; an object of known sub-keys is a tree. */
interface KeyTree {
  readonly [key: string]: KeyTree | null;
}

const JOB_LOOP: KeyTree = {
  enabled: null,
  max_jobs: null,
  job_name: null,
  job_input: { path: null, required: null },
  job_result: { path: null },
};

/** Every documented key of config_v0_3.json. */
export const CONFIG_KEYS: KeyTree = {
  config_version: null,
  sprint: null,
  openai_model: null,
  anthropic_model: null,
  max_steps: null,
  api_retry: null,
  json_retry: null,
  timeout_sec: null,
  // opsfold's own: the argv `runbook run` starts for each step (README, "Runbook").
  orchestrator_command: null,
  workspace_dir: null,
  logs_dir: null,
  allow_types: null,
  deny_patterns: null,
  draft_prompt_template: null,
  review_prompt_template: null,
  final_prompt_template: null,
  execution_policy: { default_action: null, stop_on_deny: null, deny_if_contains: null },
  s5_settings: { enabled: null, description: null, experimental_warning: null, job_loop: JOB_LOOP },
};

/** The documented modes: a key whose value must be one of a closed list. */
export const CONFIG_MODES: Readonly<Record<string, readonly string[]>> = {
  'execution_policy.default_action': ['allow', 'deny'],
};

export interface ConfigRefusal {
  /** The dotted path of the key (`s5_settings.job_loop.parallel`). */
  readonly key: string;
  readonly why: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const walk = (value: Record<string, unknown>, known: KeyTree, prefix: string): ConfigRefusal[] =>
  Object.keys(value).flatMap((key) => {
    const path = `${prefix}${key}`;
    if (!Object.hasOwn(known, key)) return [{ key: path, why: 'not a documented config_v0_3.json key' }];
    const sub = known[key];
    const v = value[key];
    return sub !== null && sub !== undefined && isRecord(v) ? walk(v, sub, `${path}.`) : [];
  });

const modeAt = (config: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), config);

/** Pure: the undocumented keys and modes of a config, in document order; none for a clean one. */
export const configRefusals = (config: unknown): ConfigRefusal[] => {
  if (!isRecord(config)) return [];
  const modes = Object.entries(CONFIG_MODES).flatMap(([key, allowed]) => {
    const v = modeAt(config, key);
    if (v === undefined || (typeof v === 'string' && allowed.includes(v))) return [];
    return [{ key, why: `mode ${JSON.stringify(v)} is not one of ${allowed.join(', ')}` }];
  });
  return [...walk(config, CONFIG_KEYS, ''), ...modes];
};
