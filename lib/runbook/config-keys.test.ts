// Given a config_v0_3.json, when the runbook reads it, then a key or mode the runbook does not document
// is refused naming it (seed 003: "config_v0_3.json に未定義のキーを追加しない" — add no undefined keys;
// "未定義のモードの追加" — no undefined modes).
import { describe, expect, it } from 'vitest';
import { configRefusals } from './config-keys.js';

const shipped = {
  config_version: 'v0.3',
  sprint: 'S-6',
  s5_settings: {
    enabled: true,
    description: 'S-5 experimental features',
    experimental_warning: true,
    job_loop: {
      enabled: true,
      max_jobs: 3,
      job_name: 'sample',
      job_input: { path: 'workspace/artifacts/job_input.json', required: false },
      job_result: { path: 'workspace/artifacts/job_result.json' },
    },
  },
  openai_model: 'gpt-4o-mini',
  anthropic_model: 'claude-3-haiku-20240307',
  max_steps: 8,
  api_retry: 2,
  json_retry: 2,
  timeout_sec: 120,
  workspace_dir: 'workspace',
  logs_dir: 'logs',
  execution_policy: { default_action: 'allow', stop_on_deny: true, deny_if_contains: ['Remove-Item'] },
  allow_types: ['powershell'],
  deny_patterns: ['shutdown'],
  draft_prompt_template: '…',
  review_prompt_template: '…',
  final_prompt_template: '…',
};

describe('a config with only documented keys', () => {
  it('is accepted, every key the runbook and the shipped config name included', () => {
    expect(configRefusals(shipped)).toEqual([]);
  });
  it('is accepted when it holds fewer keys (every key is optional)', () => {
    expect(configRefusals({ execution_policy: { default_action: 'deny' } })).toEqual([]);
  });
});

describe('a config with an undocumented key', () => {
  it('at the top level is refused naming the key', () => {
    expect(configRefusals({ ...shipped, parallel_jobs: 2 })).toEqual([
      { key: 'parallel_jobs', why: 'not a documented config_v0_3.json key' },
    ]);
  });
  it('nested is refused naming its dotted path, every one in document order', () => {
    const config = {
      ...shipped,
      execution_policy: { ...shipped.execution_policy, allow_if_contains: [] },
      s5_settings: { ...shipped.s5_settings, job_loop: { ...shipped.s5_settings.job_loop, parallel: true } },
    };
    expect(configRefusals(config).map((r) => r.key)).toEqual([
      's5_settings.job_loop.parallel',
      'execution_policy.allow_if_contains',
    ]);
  });
});

describe('a config with an undocumented mode', () => {
  it('default_action other than allow or deny is refused naming the key and the value', () => {
    expect(configRefusals({ execution_policy: { default_action: 'ask' } })).toEqual([
      { key: 'execution_policy.default_action', why: 'mode "ask" is not one of allow, deny' },
    ]);
  });
});
