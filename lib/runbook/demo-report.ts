// The runbook part of `npm run demo` as text: the `runbook summary` line of the finished job loop and
// one row per fixture root with its test verdict (passed or failed, status, failures and warnings).
import type { TestReport } from './report-codecs.js';

/** What one demo command printed. */
export interface DemoRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const row = (name: string, v: TestReport): string =>
  `  ${name.padEnd(22)}${(v.passed ? 'passed' : 'failed').padEnd(8)}${v.status.padEnd(19)}${
    [...v.failures, ...v.warnings.map((w) => `warn:${w}`)].join(', ') || '-'
  }`;

/** Pure: the demo block from the summary run over `loopRoot` and each case's `runbook test --json` run. */
export const runbookDemoText = (
  summary: DemoRun,
  loopRoot: string,
  cases: readonly { readonly name: string; readonly run: DemoRun }[],
): string => {
  const lines = [
    'opsfold runbook summary --root fixtures/runbook/job-loop-complete',
    summary.code === 0
      ? `  ${summary.stdout.trim().replace(`${loopRoot}/`, '')}`
      : `  exit ${summary.code}: ${summary.stderr.trim()}`,
    '',
    'opsfold runbook test --root fixtures/runbook/<case>',
    ...cases.map(({ name, run }) =>
      run.stdout.startsWith('{')
        ? row(name, JSON.parse(run.stdout) as TestReport)
        : `  ${name}: exit ${run.code}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
};
