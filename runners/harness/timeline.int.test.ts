// The seed's worked timeline and a stall scenario replayed through the real commands on real files:
// every step gives the outcome its fixture states (fixtures/harness/*/timeline.json, written from the
// seed's text), and the status table at the end joins all layers.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { replayTimeline } from './replay.js';
import type { StepResult } from './replay-record.js';

const KEY = 'fixture-bot-key-not-a-secret';
const fixture = (name: string) => new URL(`../../fixtures/harness/${name}`, import.meta.url).pathname;
let work = '';
const io = () => ({
  cwd: work,
  env: { HARNESS_BOT_KEY: KEY },
  now: () => Date.parse('2026-05-28T05:00:00Z'),
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-harness-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

type Expect = Record<string, unknown> & {
  spawn?: Record<string, string[]>;
  liveness?: Record<string, string>;
  alert?: Record<string, string>;
  throttled?: Record<string, boolean>;
  signal?: Record<string, string>;
  collected?: Record<string, string>;
  deliveries?: number;
  /** The step's watchdog could not deliver an ESCALATE (exit 1, retried next cycle). */
  undelivered?: boolean;
};

const check = (r: StepResult) => {
  const e = (r.step.expect ?? {}) as Expect;
  const label = `${r.step.at} ${r.step.label}`;
  if (e.undelivered === true)
    expect(r.failures, label).toEqual([expect.stringContaining('ESCALATE not delivered for task-')]);
  else expect(r.failures, label).toEqual([]);
  for (const [task, allowed] of Object.entries(e.spawn ?? {}))
    expect(allowed, label).toContain(r.spawn[task]);
  for (const [task, v] of Object.entries(e.liveness ?? {})) expect(r.liveness[task], label).toBe(v);
  for (const [task, v] of Object.entries(e.alert ?? {})) expect(r.alert[task], label).toBe(v);
  for (const [task, v] of Object.entries(e.throttled ?? {})) expect(r.throttled[task], label).toBe(v);
  for (const [task, v] of Object.entries(e.signal ?? {})) expect(r.signal[task], label).toBe(v);
  if (e.collected !== undefined) expect(r.collected, label).toEqual(e.collected);
  if (e.deliveries !== undefined) expect(r.deliveries, label).toBe(e.deliveries);
};

describe('the task-2703 timeline (seed 004: dispatch 13:22:33, closeout 13:52:19, DONE 14:09:13)', () => {
  it('replays to the outcomes the seed states', async () => {
    const { root, results } = await replayTimeline(commands, io(), fixture('task-2703'), work);
    expect(results).toHaveLength(14);
    results.forEach(check);
    // Never NOT_REGISTERED once anything was dispatched, and never an ESCALATE or a chair message.
    expect(results.slice(1).flatMap((r) => Object.values(r.spawn))).not.toContain('NOT_REGISTERED');
    expect(results.flatMap((r) => Object.values(r.alert))).not.toContain('ESCALATE');
    expect(existsSync(join(root, 'escalations.jsonl'))).toBe(false);
    const status = await runCaptured(
      commands,
      ['harness', 'status', '--root', root, '--json', '--as-of', '2026-05-28T14:09:30+09:00'],
      io(),
    );
    expect(status.code, status.stderr).toBe(0);
    expect(
      JSON.parse(status.stdout).tasks.find((t: { task_id: string }) => t.task_id === 'task-2703'),
    ).toMatchObject({
      spawn_state: 'DONE',
      liveness: 'done',
      alert_class: 'INFO',
      closeout_stage: 'DONE',
      collected_by: 'normal_callback',
    });
  });

  it('keeps the dispatch marker (never deleted) and its spawn-state sidecar in step, and never stores the bot key', async () => {
    const { root } = await replayTimeline(commands, io(), fixture('task-2703'), work);
    const events = join(root, 'memory', 'events');
    const marker = JSON.parse(readFileSync(join(events, 'task-2703.dispatched-hermes-260528.json'), 'utf8'));
    expect(marker).toMatchObject({
      task_id: 'task-2703',
      schedule_id: 'BE5161A0',
      fire_time: '2026-05-28T13:22:33+09:00',
    });
    const sidecar = JSON.parse(
      readFileSync(join(events, 'task-2703.dispatched-hermes-260528.spawn-state.json'), 'utf8'),
    );
    expect(sidecar).toMatchObject({ state: 'DONE', previous_state: 'ARTIFACT_SEEN' });
    for (const dir of [events, join(root, 'memory', 'harness')])
      for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(KEY);
  });
});

describe('the stall scenario', () => {
  it('escalates the critical task once after two silent cycles, warns the rest, throttles repeats', async () => {
    const { root, results } = await replayTimeline(commands, io(), fixture('stalled'), work);
    results.forEach(check);
    const delivered = readFileSync(join(root, 'escalations.jsonl'), 'utf8').trim().split('\n');
    expect(delivered).toHaveLength(1);
    expect(JSON.parse(delivered[0]!)).toMatchObject({
      kind: 'harness_escalation',
      task_id: 'task-2801',
      consecutive_silent: 2,
    });
    expect(existsSync(join(root, 'memory', 'events', 'task-2801.escalate'))).toBe(true);
    expect(existsSync(join(root, 'memory', 'events', 'task-2802.escalate'))).toBe(false);
  });
});

describe('the default stale window (no stale_evidence_after_s)', () => {
  it('a started bot that goes silent is silently_stalled after 900 s, escalates on the second stalled cycle, and the ESCALATE is retried until delivered once', async () => {
    const { root, results } = await replayTimeline(commands, io(), fixture('default-window'), work);
    expect(results).toHaveLength(7);
    results.forEach(check);
    const delivered = readFileSync(join(root, 'escalations.jsonl'), 'utf8').trim().split('\n');
    expect(delivered.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ task_id: 'task-2901', idempotency_key: 'harness-escalate:task-2901:4' }),
    ]);
    const marker = join(root, 'memory', 'events', 'task-2901.escalate');
    expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({
      idempotency_key: 'harness-escalate:task-2901:4',
      sink: 'command',
    });
    const log = readFileSync(join(root, 'memory', 'harness', 'watchdog.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const tries = log.map((l) => JSON.parse(l)).filter((x) => x.kind === 'watchdog_delivery');
    expect(tries.map((d) => [d.cycle, d.key, d.ok])).toEqual([
      [4, 'harness-escalate:task-2901:4', false],
      [5, 'harness-escalate:task-2901:4', false],
      [6, 'harness-escalate:task-2901:4', true],
    ]);
  });
});
