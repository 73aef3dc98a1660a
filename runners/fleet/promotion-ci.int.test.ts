// Given a fixture fleet, when `opsfold fleet promotion-ci` runs, then the result JSON, the markdown job
// summary (and $GITHUB_STEP_SUMMARY), the skip mode for missing evidence and the exit codes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetDir, manifest, runPromotion, workCopy } from './promotion-test-fixtures.js';

const { asOf } = manifest();
let root = '';
let dispose = () => undefined as void;
beforeAll(() => ({ root, dispose } = workCopy()));
afterAll(() => dispose());

const ci = (repo: string, extra: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  runPromotion(
    root,
    ['fleet', 'promotion-ci', '--repo', repo, '--as-of', asOf, '--trace-id', 'trace-ci-1', ...extra],
    env,
  );
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('when evidence is missing and skip mode is on', () => {
  it('decides skipped, lists the missing paths, writes no promotion state and exits 0', async () => {
    const dir = fleetDir(root, 'missing-evidence');
    const ran = await ci('missing-evidence', ['--skip-on-missing-evidence']);
    expect(ran.code).toBe(0);
    const missing = [join(dir, 'telemetry', 'handoff.jsonl'), join(dir, 'drills', 'promotion.v1.json')];
    const expected = {
      schemaVersion: 'v1',
      generatedAt: asOf,
      source: { repoPath: join(root, 'missing-evidence') },
      summary: {
        decision: 'skipped',
        promote: false,
        reasonCodes: ['promotion_ci_missing_evidence'],
        missingEvidencePaths: missing,
      },
    };
    expect(JSON.parse(ran.stdout)).toEqual(expected);
    expect(json(join(dir, 'promotion-ci-result.json'))).toEqual(expected);
    const md = readFileSync(join(dir, 'promotion-ci-summary.md'), 'utf8');
    expect(md).toContain('Decision: `skipped`\n\nReason codes: `promotion_ci_missing_evidence`\n');
    expect(md).toContain(`Missing evidence paths:\n- \`${missing[0]}\`\n- \`${missing[1]}\`\n`);
    expect(existsSync(join(dir, 'promotion-state.json'))).toBe(false);
  });
  it('counts a named --fleet-status-file that does not exist as missing evidence, first', async () => {
    const ran = await ci('promote', [
      '--skip-on-missing-evidence',
      '--fleet-status-file',
      'gone.json',
      '--result-file',
      'skip.json',
      '--summary-file',
      'skip.md',
    ]);
    expect(ran.code).toBe(0);
    expect(json(join(root, 'skip.json'))).toMatchObject({
      summary: { decision: 'skipped', missingEvidencePaths: ['gone.json'] },
    });
  });
});

describe('when skip mode is off', () => {
  it('evaluates a fleet without evidence to hold (exit 0), and exits 2 with --fail-on-hold', async () => {
    const ran = await ci('missing-evidence', []);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      summary: { decision: 'hold', failedGates: ['outcome_reliability', 'drill_recency'] },
    });
    expect((await ci('missing-evidence', ['--fail-on-hold'])).code).toBe(2);
  });
});

describe('when the gates promote', () => {
  it('writes the result and summary, appends the summary to GITHUB_STEP_SUMMARY and exits 0', async () => {
    const step = join(root, 'step-summary.md');
    writeFileSync(step, '# earlier step\n');
    const ran = await ci('promote', ['--fail-on-hold'], { GITHUB_STEP_SUMMARY: step });
    expect(ran.code).toBe(0);
    const dir = fleetDir(root, 'promote');
    const result = json(join(dir, 'promotion-ci-result.json'));
    expect(result).toEqual(JSON.parse(ran.stdout));
    expect(result).toEqual(json(join(dir, 'promotion-state.json')));
    const md = readFileSync(join(dir, 'promotion-ci-summary.md'), 'utf8');
    expect(md).toContain('Decision: `promote`\n\nFailed gates: none\n\nReason codes: none\n');
    expect(md).toContain(`Result JSON: \`${join(dir, 'promotion-ci-result.json')}\``);
    expect(readFileSync(step, 'utf8')).toBe(`# earlier step\n${md}`);
  });
});

describe('when the gates hold with --fail-on-hold', () => {
  it('still writes the hold result and summary, and exits 2', async () => {
    const ran = await ci('hold-manual-backlog', [
      '--fail-on-hold',
      '--result-file',
      'out/result.json',
      '--summary-file',
      'out/summary.md',
    ]);
    expect(ran.code).toBe(2);
    expect(json(join(root, 'out', 'result.json'))).toMatchObject({
      summary: { decision: 'hold', reasonCodes: ['promotion_manual_backlog_exceeded'] },
    });
    const md = readFileSync(join(root, 'out', 'summary.md'), 'utf8');
    expect(md).toContain(
      'Decision: `hold`\n\nFailed gates: manual_backlog\n\nReason codes: promotion_manual_backlog_exceeded\n',
    );
    expect(md).toContain('Result JSON: `out/result.json`\n');
  });
});

describe('paths in the summary', () => {
  it('are shown literally, as given, even with markdown characters in them', async () => {
    const result = 'out/my_result_*final*`v2`.json';
    const ran = await ci('promote', ['--result-file', result, '--summary-file', 'out/literal.md']);
    expect(ran.code).toBe(0);
    const md = readFileSync(join(root, 'out', 'literal.md'), 'utf8');
    expect(md).toContain('Result JSON: ``out/my_result_*final*`v2`.json``\n');
    expect(existsSync(join(root, result))).toBe(true);
  });
});

describe('when the gates cannot be evaluated', () => {
  it('exits 1 with the error and writes neither result nor summary', async () => {
    writeFileSync(join(root, 'not-json.json'), '{"autonomous": ');
    const ran = await ci('promote', [
      '--fleet-status-file',
      'not-json.json',
      '--result-file',
      'err.json',
      '--summary-file',
      'err.md',
    ]);
    expect(ran.code).toBe(1);
    expect(ran.stderr.split('\n')[0]).toBe('error: invalid fleet status JSON: not-json.json');
    expect(existsSync(join(root, 'err.md'))).toBe(false);
    expect(existsSync(join(root, 'err.json'))).toBe(false);
  });
});
