// Given the promotion fixtures, when `opsfold fleet promotion-orchestrate` runs with opsfold's own steps
// in process, then the CI result, the registry and the orchestration result; and when the operator names
// replacement scripts, those run instead, with the reference's arguments.
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOVERNANCE_FLAGS, fleetDir, manifest, runPromotion, workCopy } from './promotion-test-fixtures.js';

const { asOf } = manifest();
let root = '';
let dispose = () => undefined as void;
beforeAll(() => ({ root, dispose } = workCopy()));
afterAll(() => dispose());

const governance = GOVERNANCE_FLAGS;
const orchestrate = (repo: string, extra: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  runPromotion(root, ['fleet', 'promotion-orchestrate', '--repo', repo, '--as-of', asOf, ...extra], env);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe("when opsfold's own steps run in process", () => {
  it('dry_run evaluates the gates, previews the decision and leaves the registry alone', async () => {
    const dir = fleetDir(root, 'promote');
    const before = readFileSync(join(dir, 'registry.v1.json'), 'utf8');
    const ran = await orchestrate('promote', ['--mode', 'dry_run']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'preview',
      decision: 'promote',
      apply: { executed: false },
    });
    expect(json(join(dir, 'promotion-ci-result.json'))).toMatchObject({ summary: { decision: 'promote' } });
    expect(readFileSync(join(dir, 'promotion-orchestrate-summary.md'), 'utf8')).toContain(
      'Status: `preview`',
    );
    expect(readFileSync(join(dir, 'registry.v1.json'), 'utf8')).toBe(before);
  });
  it('apply widens the canary through the apply step and records its record', async () => {
    const dir = fleetDir(root, 'promote');
    const ran = await orchestrate('promote', [
      '--mode',
      'apply',
      '--expand-step',
      '10',
      '--trace-id',
      't-9',
      ...governance,
    ]);
    expect(ran.stderr).toBe('');
    const out = JSON.parse(ran.stdout) as {
      apply: { record: { rollout: { after: { canaryPercent: number } } } };
    };
    expect(out).toMatchObject({
      status: 'applied',
      traceId: 't-9',
      apply: { executed: true, intent: 'expand' },
    });
    expect(json(join(dir, 'registry.v1.json'))).toMatchObject({
      policy: { autonomous: { rollout: { canaryPercent: out.apply.record.rollout.after.canaryPercent } } },
    });
    expect(json(join(dir, 'promotion-orchestrate-result.json'))).toEqual(out);
  });
  it('apply on a hold decision fails with the apply step refusal and writes no result', async () => {
    const dir = fleetDir(root, 'hold-reliability');
    const ran = await orchestrate('hold-reliability', [
      '--mode',
      'apply',
      '--apply-intent',
      'resume',
      ...governance,
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('error: intent resume requires promotion decision promote (found: hold)');
    expect(existsSync(join(dir, 'promotion-orchestrate-result.json'))).toBe(false);
  });
  it('refuses apply without governance (exit 64, the reference line)', async () => {
    const ran = await orchestrate('promote', ['--mode', 'rollback']);
    expect([ran.code, ran.stderr.split('\n')[0]]).toEqual([64, 'error: --by is required for mode rollback']);
  });
});

describe('when the operator names replacement scripts', () => {
  it('runs them with the reference arguments instead of the own steps', async () => {
    const log = join(root, 'steps.log');
    const ci = join(root, 'ci-step.sh');
    const apply = join(root, 'apply-step.sh');
    // The CI script writes its result where --result-file says; both log their arguments.
    writeFileSync(
      ci,
      `#!/bin/sh\necho "ci $*" >> '${log}'\nwhile [ $# -gt 0 ]; do [ "$1" = --result-file ] && printf '{"summary":{"decision":"hold"}}' > "$2"; shift; done\n`,
    );
    writeFileSync(
      apply,
      `#!/bin/sh\necho "apply $*" >> '${log}'\necho '{"intent":"rollback","status":"applied"}'\n`,
    );
    chmodSync(ci, 0o755);
    chmodSync(apply, 0o755);
    const env = {
      OPS_MANAGER_PROMOTION_CI_SCRIPT: ci,
      OPS_MANAGER_PROMOTION_APPLY_SCRIPT: apply,
      PATH: process.env['PATH'],
    };
    const ran = await orchestrate(
      'advisory',
      ['--mode', 'rollback', '--min-sample-size', '3', ...governance],
      env,
    );
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      status: 'rolled_back',
      decision: 'hold',
      apply: { intent: 'rollback' },
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines[0]).toContain('--min-sample-size 3');
    expect(lines[1]).toContain('--intent rollback --by ops-1');
    expect(lines[1]).not.toContain('--as-of');
  });
});
