// Live updates: a change on disk reaches an open event stream (through fs.watch, or the polling
// clock when watching is unavailable), recomputed from the dashboard's checkpoints.
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, get, sse, start, type SseClient, type Started } from './test-kit.js';

let running: Started | null = null;
let stream: SseClient | null = null;
afterEach(async () => {
  stream?.close();
  stream = null;
  await running?.stop();
  running = null;
});

const event = (loop: string, ts: string) =>
  `${JSON.stringify({ timestamp: ts, event: 'role_start', loop_id: loop, run_id: 'r1', iteration: 99, role: 'tester', data: {} })}\n`;

interface Change {
  version: number;
  loopIds: string[];
  listChanged: boolean;
}

const rowOf = async (s: Started, id: string) =>
  (
    (await get(s, '/api/loops')).json['rows'] as {
      loopId: string;
      lastEvent: { at: string };
      eventLines: number;
      level: string;
    }[]
  ).find((r) => r.loopId === id);

describe('when an event is appended and the polling clock ticks (no fs.watch)', () => {
  it('pushes a change naming the loop, and the row shows the new event', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo, { watch: false });
    stream = await sse(running);
    const hello = (await stream.next('hello')) as { version: number };
    const file = join(repo, '.superloop/loops/healthy-loop/events.jsonl');
    const before = readFileSync(file, 'utf8').split('\n').length - 1;
    appendFileSync(file, event('healthy-loop', '2026-02-22T12:00:30Z'));
    running.tick();
    const change = (await stream.next('change')) as Change;
    expect(change.loopIds).toEqual(['healthy-loop']);
    expect(change.version).toBe(hello.version + 1);
    const row = await rowOf(running, 'healthy-loop');
    expect(row?.lastEvent.at).toBe('2026-02-22T12:00:30Z');
    expect(row?.eventLines).toBe(before + 1);
  });

  it('pushes nothing when nothing changed', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo, { watch: false });
    stream = await sse(running);
    const hello = (await stream.next('hello')) as { version: number };
    running.tick();
    running.tick();
    await running.d.refresh();
    appendFileSync(
      join(repo, '.superloop/loops/degraded-loop/events.jsonl'),
      event('degraded-loop', '2026-02-22T12:00:05Z'),
    );
    running.tick();
    const change = (await stream.next('change')) as Change;
    expect(change.version).toBe(hello.version + 1);
    expect(change.loopIds).toEqual(['degraded-loop']);
  });

  it('shows a loop directory that appears, and a health document that is rewritten', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo, { watch: false });
    stream = await sse(running);
    await stream.next('hello');
    mkdirSync(join(repo, '.superloop/loops/new-loop'));
    writeFileSync(
      join(repo, '.superloop/loops/new-loop/events.jsonl'),
      event('new-loop', '2026-02-22T11:59:59Z'),
    );
    const healthFile = join(repo, '.superloop/ops-manager/critical-loop/health.json');
    const health = JSON.parse(readFileSync(healthFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(healthFile, JSON.stringify({ ...health, status: 'healthy', reasonCodes: [], reasons: [] }));
    const state = join(repo, '.superloop/ops-manager/critical-loop/state.json');
    const st = JSON.parse(readFileSync(state, 'utf8')) as Record<string, unknown>;
    const { health: _h, ...withoutHealth } = st;
    writeFileSync(state, JSON.stringify(withoutHealth));
    running.tick();
    const change = (await stream.next('change')) as Change;
    expect(change.listChanged).toBe(true);
    expect(change.loopIds).toEqual(expect.arrayContaining(['new-loop', 'critical-loop']));
    expect((await rowOf(running, 'new-loop'))?.lastEvent.at).toBe('2026-02-22T11:59:59Z');
    expect((await rowOf(running, 'critical-loop'))?.level).toBe('healthy');
  });
});

describe('when fs.watch is available', () => {
  it('pushes the change without any polling tick', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo);
    stream = await sse(running);
    await stream.next('hello');
    appendFileSync(
      join(repo, '.superloop/loops/critical-loop/events.jsonl'),
      event('critical-loop', '2026-02-22T12:00:10Z'),
    );
    const change = (await stream.next('change')) as Change;
    expect(change.loopIds).toContain('critical-loop');
  });
});

describe('the folds behind the page', () => {
  it('checkpoints the events index at the end of the log and moves it on by the appended bytes', async () => {
    const repo = copyFixture('dashboard/three-loops');
    running = await start(repo, { watch: false });
    const file = join(repo, '.superloop/loops/healthy-loop/events.jsonl');
    const cp = join(repo, '.opsfold/dashboard/healthy-loop/checkpoints/dashboard-events-index.json');
    const cursorOf = () =>
      (JSON.parse(readFileSync(cp, 'utf8')) as { cursor: { byteOffset: number } }).cursor.byteOffset;
    expect(cursorOf()).toBe(statSync(file).size);
    appendFileSync(file, event('healthy-loop', '2026-02-22T12:00:40Z'));
    await running.d.refresh();
    expect(cursorOf()).toBe(statSync(file).size);
  });
});
