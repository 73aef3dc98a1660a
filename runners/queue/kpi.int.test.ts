// `queue kpi` over real logs and databases: the reference's numbers and alerts for the shipped
// fixtures, torn and unterminated last lines, a corrupt line (file:line, exit 1), --fail-on-alert
// (exit 2), retries and stale rows from SQLite, and thresholds parsed as argparse parses them.
import { appendFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AS_OF, mdRows, row, run, runWith, workDir, writeDb } from './test-kit.js';

let work = '';
const fixture = (name: string) =>
  cpSync(new URL(`../../fixtures/queue/${name}`, import.meta.url), work, { recursive: true });
beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const kpi = (...flags: string[]) => run(work, 'queue', 'kpi', '--as-of', AS_OF, ...flags);

describe('when the log is the mixed fixture (60 runs)', () => {
  it('prints the reference numbers and both alerts, exit 0 without --fail-on-alert', async () => {
    fixture('mixed');
    const out = await kpi();
    expect([out.code, out.stdout]).toEqual([
      0,
      'kpi success_rate=69.70% latency_p95_ms=3900 latency_avg_ms=894.17 retry_count=- stale_in_progress=0\n' +
        'alert failure_rate=0.3030 exceeds 0.2000\nalert latency_p95_ms=3900 exceeds 2000\n',
    ]);
  });
  it('exits 2 with --fail-on-alert, and 0 when the thresholds allow the numbers', async () => {
    fixture('mixed');
    expect((await kpi('--fail-on-alert')).code).toBe(2);
    const calm = await kpi('--fail-on-alert', '--max-failure-rate', '0.31', '--max-latency-p95-ms', '3900');
    expect([calm.code, calm.stdout.split('\n').length]).toEqual([0, 2]);
  });
  it('counts retried events and IN_PROGRESS rows started an hour or more before --as-of', async () => {
    fixture('mixed');
    const db = join(work, 'automation/orchestrator/db/queue.db');
    writeDb(db, mdRows(join(work, 'automation/orchestrator/QUEUE.md')));
    expect((await run(work, 'queue', '--db', db, 'retry', '--id', 'REL-104', '--as-of', AS_OF)).code).toBe(0);
    const out = await kpi('--max-failure-rate', '1', '--max-latency-p95-ms', '5000');
    expect(out.stdout).toBe(
      'kpi success_rate=69.70% latency_p95_ms=3900 latency_avg_ms=894.17 retry_count=1 stale_in_progress=5\n' +
        'alert stale_in_progress=5 exceeds 0\n',
    );
    const later = await kpi(
      '--stale-minutes',
      '300',
      '--max-stale-in-progress',
      '1',
      '--max-failure-rate',
      '1',
      '--max-latency-p95-ms',
      '5000',
    );
    expect(later.stdout).toBe(
      'kpi success_rate=69.70% latency_p95_ms=3900 latency_avg_ms=894.17 retry_count=1 stale_in_progress=1\n',
    );
  });
});

describe('when the log ends mid-record or has a bad line', () => {
  it('ignores a torn last line (CRLF queue fixture, blank line in the log)', async () => {
    fixture('idle-crlf');
    expect((await kpi()).stdout).toBe(
      'kpi success_rate=66.67% latency_p95_ms=150 latency_avg_ms=150 retry_count=- stale_in_progress=0\n' +
        'alert failure_rate=0.3333 exceeds 0.2000\n',
    );
  });
  it('counts an unterminated last line that is a whole record, as the reference does', async () => {
    fixture('idle-crlf');
    const log = join(work, 'automation/orchestrator/logs/orch_runs.jsonl');
    appendFileSync(log, '4, "event": "run_end", "exit_code": 0}');
    expect((await kpi()).stdout.split('\n')[0]).toBe(
      'kpi success_rate=75.00% latency_p95_ms=150 latency_avg_ms=136 retry_count=- stale_in_progress=0',
    );
  });
  it('fails on a corrupt line in the middle with file:line, printing nothing on stdout', async () => {
    fixture('corrupt-log');
    const out = await kpi();
    expect([out.code, out.stdout]).toEqual([1, '']);
    expect(out.stderr.split('\n')[0]).toMatch(
      /^error: automation\/orchestrator\/logs\/orch_runs\.jsonl:2: invalid JSON: /,
    );
    expect(out.stderr).toContain('byte offset 215');
  });
  it('fails on a line that is JSON but not an object', async () => {
    writeFileSync(join(work, 'runs.jsonl'), '{"event":"run_end"}\n[1,2]\n');
    const out = await kpi('--log-path', 'runs.jsonl');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([
      1,
      'error: runs.jsonl:2: expected a JSON object, got an array',
    ]);
  });
});

describe('when there is no data or a flag is not a number', () => {
  it('prints - for every missing figure', async () => {
    expect((await kpi()).stdout).toBe(
      'kpi success_rate=- latency_p95_ms=- latency_avg_ms=- retry_count=- stale_in_progress=0\n',
    );
  });
  it('reads retry_count 0 from an empty database given with --db before the subcommand', async () => {
    writeDb(join(work, 'q.db'), [row('Q-1')]);
    const out = await run(work, 'queue', '--db', 'q.db', 'kpi');
    expect(out.stdout).toBe(
      'kpi success_rate=- latency_p95_ms=- latency_avg_ms=- retry_count=0 stale_in_progress=0\n',
    );
  });
  it('refuses a threshold that float()/int() would refuse, with argparse wording and exit 64', async () => {
    const out = await kpi('--max-latency-p95-ms', '2s');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([
      64,
      "error: argument --max-latency-p95-ms: invalid int value: '2s'",
    ]);
    const neg = await kpi('--max-stale-in-progress=-1', '--max-failure-rate', '1_0');
    expect(neg.stdout).toBe(
      'kpi success_rate=- latency_p95_ms=- latency_avg_ms=- retry_count=- stale_in_progress=0\nalert stale_in_progress=0 exceeds -1\n',
    );
  });
  it('reads ORCH_BASE_DIR / ORCH_LOG_PATH for the default log, as config.py does', async () => {
    fixture('idle-crlf');
    writeFileSync(
      join(work, 'other.jsonl'),
      '{"event":"run_end","command":"done","exit_code":0,"duration_ms":7}\n',
    );
    const viaLog = await runWith(work, { ORCH_LOG_PATH: 'other.jsonl' }, 'queue', 'kpi');
    expect(viaLog.stdout.split('\n')[0]).toBe(
      'kpi success_rate=100.00% latency_p95_ms=7 latency_avg_ms=7 retry_count=- stale_in_progress=0',
    );
    const viaBase = await runWith(work, { ORCH_BASE_DIR: './automation/orchestrator/' }, 'queue', 'kpi');
    expect(viaBase.stdout.startsWith('kpi success_rate=66.67%')).toBe(true);
    const bad = await runWith(work, { ORCH_TZ_OFFSET: 'nine' }, 'queue', 'kpi');
    expect([bad.code, bad.stderr]).toEqual([1, 'error: ORCH_TZ_OFFSET is not an integer: "nine"\n']);
  });
});
