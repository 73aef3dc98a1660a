// The runbook demo block: the summary line with the root stripped, one aligned row per case, and a
// case that printed no report shown by its exit code.
import { describe, expect, it } from 'vitest';
import { runbookDemoText } from './demo-report.js';

const report = {
  passed: false,
  status: 'deny',
  failures: ['phase_deny'],
  warnings: ['job_result_missing'],
  lines: [],
};

describe('given a summary run and two test runs', () => {
  it('prints the summary line relative to the root, a row per case, and the exit of a case without a report', () => {
    const text = runbookDemoText(
      { code: 0, stdout: 'status=done /w/loop/logs/x.json\n', stderr: '' },
      '/w/loop',
      [
        { name: 'deny', run: { code: 1, stdout: JSON.stringify(report), stderr: '' } },
        { name: 'broken', run: { code: 1, stdout: '', stderr: 'error: x' } },
      ],
    );
    expect(text.split('\n')).toEqual([
      'opsfold runbook summary --root fixtures/runbook/job-loop-complete',
      '  status=done logs/x.json',
      '',
      'opsfold runbook test --root fixtures/runbook/<case>',
      `  ${'deny'.padEnd(22)}${'failed'.padEnd(8)}${'deny'.padEnd(19)}phase_deny, warn:job_result_missing`,
      '  broken: exit 1',
      '',
    ]);
  });
});
