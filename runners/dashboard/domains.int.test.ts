// The harness and the ops cycle on the page, read through those domains' own ports over real roots
// their own commands wrote, and answered by the JSON API like the loop views.
import { afterEach, describe, expect, it } from 'vitest';
import { cycleRoot, harnessRoot } from './domain-test-kit.js';
import { get, start, type Started } from './test-kit.js';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

interface Section {
  title: string;
  source: string;
  json: Record<string, unknown>[];
  error: string | null;
}

const sectionsOf = async (s: Started, name: string) => {
  const got = await get(s, `/api/views/${name}`);
  expect(got.status).toBe(200);
  return got.json['sections'] as Section[];
};

describe('the harness view', () => {
  it('given a workspace the watchdog escalated a silent task in, lists spawn state and liveness per task', async () => {
    running = await start(await harnessRoot(), { watch: false });
    expect((await get(running, '/api/config')).json['views']).toContainEqual({
      name: 'harness',
      title: 'Harness tasks',
    });

    const [tasks, watchdog] = await sectionsOf(running, 'harness');

    expect(tasks?.title).toBe('Tasks');
    expect(tasks?.error).toBeNull();
    expect(tasks?.json.map((r) => r['task_id'])).toEqual(['task-2801', 'task-2802', 'task-2803']);
    expect(tasks?.json[0]).toHaveProperty('spawn_state');
    expect(tasks?.json[0]).toHaveProperty('liveness');
    expect(watchdog?.title).toBe('Watchdog');
    expect(watchdog?.source).toBe('memory/harness/watchdog.jsonl (cycle 5)');
    const critical = watchdog?.json.find((r) => r['task_id'] === 'task-2801');
    expect(critical).toMatchObject({ escalations: 1, alert_class: 'INFO' });
    const silent = watchdog?.json.find((r) => r['task_id'] === 'task-2802');
    expect(silent).toMatchObject({ status: 'silently_stalled', alert_class: 'WARN', consecutive_silent: 4 });
  });
});

describe('the ops-cycle view', () => {
  it('given two cycles on a mock queue, lists them newest first and each ticket with its receipt', async () => {
    running = await start(await cycleRoot(), { watch: false });
    expect((await get(running, '/api/config')).json['views']).toContainEqual({
      name: 'cycle',
      title: 'Ops cycle',
    });

    const [cycles, receipts, days] = await sectionsOf(running, 'cycle');

    expect(cycles?.error).toBeNull();
    expect(cycles?.json).toHaveLength(2);
    expect(cycles?.json.map((c) => c['file'])).toEqual([
      'ops_run_20260302_091000.json',
      'ops_run_20260302_090000.json',
    ]);
    expect(cycles?.json[0]).toMatchObject({ overall_status: 'DONE', decision: 'PROCESSED' });
    const newest = cycles?.json[0];
    expect(receipts?.json[0]).toMatchObject({
      request_id: newest?.['request_id'],
      receipt_ref: newest?.['receipt_ref'],
      last_decision: 'EXECUTED',
    });
    expect(receipts?.source).toMatch(/\(\d+ lines, \d+ BLOCKED\)$/);
    expect(days?.json.find((d) => d['day'] === '2026-03-02')).toMatchObject({ cycles: 2, processed: 2 });
  });
});
