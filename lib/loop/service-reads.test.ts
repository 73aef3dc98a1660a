// The service's read answers over memory reads: a bad query is 400 before anything is read, a read
// gets the trace id (null when none was sent), and a failed read is 502 with the last 40 lines of why.
import { describe, expect, it } from 'vitest';
import { eventsAnswer, snapshotAnswer, type ServiceReads } from './service-reads.js';

const asked: unknown[] = [];
const reads = (fail = false): ServiceReads => ({
  snapshot: async (loopId, traceId) => {
    asked.push([loopId, traceId]);
    if (fail) throw new Error('boom');
    return { envelopeType: 'loop_run_snapshot' };
  },
  events: async (q, traceId, raw) => {
    asked.push([q, traceId, raw]);
    if (fail) throw new Error(Array.from({ length: 45 }, (_, i) => `l${i}`).join('\n'));
    return { ok: true };
  },
  describe: (err) => (err as Error).message,
});

describe('given a request without a loop id', () => {
  it('answers 400 and reads nothing', async () => {
    asked.length = 0;
    expect(await snapshotAnswer(reads(), {}, '')).toMatchObject({ status: 400 });
    expect(await eventsAnswer(reads(), { cursor: 'x' }, '')).toMatchObject({ status: 400 });
    expect(asked).toEqual([]);
  });
});

describe('given a valid request', () => {
  it('reads with the trace id, null when none was sent', async () => {
    asked.length = 0;
    expect(await snapshotAnswer(reads(), { loopId: 'L' }, '')).toEqual({
      status: 200,
      body: { envelopeType: 'loop_run_snapshot' },
    });
    await eventsAnswer(reads(), { loopId: 'L', cursor: '2' }, 't');
    expect(asked).toEqual([
      ['L', null],
      [{ loopId: 'L', cursor: 2, maxEvents: 0 }, 't', 't'],
    ]);
  });
});

describe('given a read that fails', () => {
  it('answers 502 runtime_error with the last 40 lines', async () => {
    const a = await eventsAnswer(reads(true), { loopId: 'L' }, '');
    expect(a.status).toBe(502);
    const text = JSON.stringify(a.body);
    expect(text).toContain('l44');
    expect(text).not.toContain('l4\\n');
  });
});
