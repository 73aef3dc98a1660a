import { describe, expect, it } from 'vitest';
import { dirTimesOf, filesAt, processesAt, timelineMs, type Timeline } from './timeline.js';

const at = (hhmm: string) => `2026-05-28T${hhmm}:00+09:00`;
const timeline: Timeline = {
  tasks: ['task-1'],
  files: [
    { path: 'memory/events/task-1.done', at: at('14:10'), from: 'v/done' },
    { path: 'memory/task-timers.json', at: at('14:00'), from: 'v/timers-1' },
    { path: 'memory/task-timers.json', at: at('14:05'), from: 'v/timers-2' },
  ],
  processes: [
    { pid: 7, from: at('14:00'), until: at('14:08'), argv: ['bot', '{root}/prompt'] },
    { pid: 8, from: at('14:06'), until: null, argv: ['bot'] },
  ],
  dispatches: [],
  steps: [],
};

describe('filesAt and dirTimesOf', () => {
  it('given two versions of a file, keeps the latest that exists by the instant', () => {
    expect(filesAt(timeline, timelineMs(at('14:06'))).map((f) => f.from)).toEqual(['v/timers-2']);
  });

  it('gives each directory the time of its newest file', () => {
    const dirs = dirTimesOf(filesAt(timeline, timelineMs(at('14:30'))));
    expect(Object.fromEntries(dirs)).toEqual({
      memory: timelineMs(at('14:10')),
      'memory/events': timelineMs(at('14:10')),
    });
  });
});

describe('processesAt', () => {
  it('lists the processes alive at the instant, with {root} filled in', () => {
    expect(processesAt(timeline, '/w', timelineMs(at('14:07'))).map((p) => [p.pid, p.argv])).toEqual([
      [7, ['bot', '/w/prompt']],
      [8, ['bot']],
    ]);
    expect(processesAt(timeline, '/w', timelineMs(at('14:08'))).map((p) => p.pid)).toEqual([8]);
  });

  it('refuses a time that is not RFC 3339', () => {
    expect(() => timelineMs('May 28')).toThrow('not an RFC 3339 time');
  });
});
