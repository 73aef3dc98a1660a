// Seed 004 §3.2–3.3: the marker's name and fields, and the write-once rule.
import { describe, expect, it } from 'vitest';
import {
  markerFileName,
  markerOf,
  markerProblems,
  sidecarFileName,
  writeOnceAction,
  type MarkerInput,
} from './dispatch-marker.js';
import { isoInZone, yymmddInZone } from './zone.js';

const input: MarkerInput = {
  taskId: 'task-2703',
  team: 'hermes',
  scheduleId: 'BE5161A0',
  executor: 'hermes/vulcan',
  botKeyHash: '0123456789abcdef',
  fireMs: Date.parse('2026-05-28T04:22:33Z'),
  zone: '+09:00',
  promptSha: 'a'.repeat(64),
  taskMdShaBefore: 'b'.repeat(64),
  method: 'dispatch_py',
};

describe('the dispatch marker', () => {
  it('is named <task>.dispatched-<team>-<YYMMDD>.json with the date in the configured zone', () => {
    expect(markerFileName(input)).toBe('task-2703.dispatched-hermes-260528.json');
    expect(markerFileName({ ...input, fireMs: Date.parse('2026-05-28T15:30:00Z') })).toBe(
      'task-2703.dispatched-hermes-260529.json',
    );
    expect(sidecarFileName('task-2703.dispatched-hermes-260528.json')).toBe(
      'task-2703.dispatched-hermes-260528.spawn-state.json',
    );
  });
  it('carries the seven seed fields plus the method, fire_time in +09:00', () => {
    expect(markerOf(input)).toEqual({
      task_id: 'task-2703',
      schedule_id: 'BE5161A0',
      executor: 'hermes/vulcan',
      bot_key_hash: '0123456789abcdef',
      fire_time: '2026-05-28T13:22:33+09:00',
      prompt_sha: 'a'.repeat(64),
      task_md_sha_before: 'b'.repeat(64),
      dispatch_method: 'dispatch_py',
    });
  });
  it('refuses names that could escape memory/events and hashes that are not hashes', () => {
    expect(markerProblems({ ...input, taskId: '../x', team: 'a.b', botKeyHash: 'raw-key' })).toHaveLength(3);
    expect(markerProblems(input)).toEqual([]);
  });
});

describe('write once', () => {
  const m = markerOf(input);
  it('writes when absent, is a no-op for the same content, refuses different content', () => {
    expect(writeOnceAction(undefined, m).action).toBe('write');
    expect(writeOnceAction(JSON.parse(JSON.stringify(m)), m).action).toBe('noop');
    expect(writeOnceAction({ ...m, schedule_id: 'OTHER' }, m)).toEqual({
      action: 'refuse',
      differing: ['schedule_id'],
    });
  });
});

describe('zone formatting', () => {
  it('formats in any ±HH:MM zone and Z', () => {
    const ms = Date.parse('2026-12-31T23:59:59Z');
    expect(isoInZone(ms, '+09:00')).toBe('2027-01-01T08:59:59+09:00');
    expect(isoInZone(ms, '-05:30')).toBe('2026-12-31T18:29:59-05:30');
    expect(isoInZone(ms, 'Z')).toBe('2026-12-31T23:59:59Z');
    expect(yymmddInZone(ms, '+09:00')).toBe('270101');
  });
});
