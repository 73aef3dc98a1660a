// Seed 004 §1.2: which dispatch marker an observation records, the timer evidence and the newest artifact.
import { describe, expect, it } from 'vitest';
import {
  dispatchSeenOf,
  latestDispatch,
  newestOf,
  timerEvidenceOf,
  type DispatchRead,
} from './observation-parts.js';

const marker = (name: string, fire_time: string): DispatchRead => ({
  marker: `task-1.dispatched-${name}.json`,
  task_id: 'task-1',
  schedule_id: 'S',
  executor: 'hermes/vulcan',
  bot_key_hash: '0123456789abcdef',
  fire_time,
  prompt_sha: 'a'.repeat(64),
  task_md_sha_before: 'b'.repeat(64),
  dispatch_method: 'dispatch_py',
});

describe('the dispatch an observation records', () => {
  it('given two markers, when one fired later, then the later one counts', () => {
    const early = marker('hermes-260528', '2026-05-28T09:00:00+09:00');
    const late = marker('athena-260528', '2026-05-28T10:00:00+09:00');
    expect(latestDispatch([early, late], '+09:00')?.marker).toBe(late.marker);
  });

  it('given a zone-less fire time, when it is compared, then it is read in the configured zone', () => {
    const d = latestDispatch([marker('hermes-260528', '2026-05-28T09:00:00')], '+09:00');
    expect(d?.fire_time).toBe('2026-05-28T09:00:00+09:00');
  });

  it('given equal fire times or none, then the first marker counts, and no marker is no dispatch', () => {
    const a = marker('a-260528', '2026-05-28T09:00:00+09:00');
    const b = marker('b-260528', '2026-05-28T09:00:00+09:00');
    expect(latestDispatch([a, b], 'Z')?.marker).toBe(a.marker);
    expect(latestDispatch([], 'Z')).toBeNull();
  });

  it('names the team from the marker file name', () => {
    expect(dispatchSeenOf(marker('hermes-260528', 'x'))?.team).toBe('hermes');
    expect(dispatchSeenOf(null)).toBeNull();
  });
});

describe('timer evidence and the newest artifact', () => {
  it('given no timer, then flags are false and times null', () => {
    expect(timerEvidenceOf(undefined)).toEqual({
      status: null,
      critical: false,
      escalate_requested: false,
      heartbeat_at: null,
    });
  });

  it('given candidates, then the newest wins and the first of equals', () => {
    expect(
      newestOf([
        { ms: 1, p: 'a' },
        { ms: 3, p: 'b' },
        { ms: 3, p: 'c' },
      ])?.p,
    ).toBe('b');
    expect(newestOf([])).toBeNull();
  });
});
