// Given the records a run-log Source yields and its torn tail, when the kpi tallies it, then complete
// lines count, and a torn last line counts only when it is a whole record (the reference reads it).
import { describe, expect, it } from 'vitest';
import type { JsonlBatch } from '../io/jsonl.js';
import type { Source } from '../io/source.js';
import { tallyRuns, tornRun } from './kpi-gather.js';
import type { RunFacts } from './orch-runs.js';

const done = (ms: number): RunFacts => ({
  event: 'run_end',
  command: 'done',
  exitedZero: true,
  durationMs: ms,
});
const at = { byteOffset: 0, lines: 0 };

/** A Source of `records` in one batch, ending with a torn tail of `tail` bytes at offset 100. */
const source = (records: readonly RunFacts[], tail: number | null): Source<RunFacts> => ({
  name: 'orch_runs.jsonl',
  resume: async () => ({ kind: 'start', from: at }),
  mark: async () => ({ ...at, fingerprint: { size: 0, ino: 0, headSha256: '' } }) as never,
  batches: async function* (): AsyncGenerator<JsonlBatch<RunFacts>> {
    const position = { line: 1, byteOffset: 0 };
    yield {
      items: records.map((value) => ({ kind: 'record', value, position, next: at })),
      cursor: at,
      end: null,
    };
    const tornTail = tail === null ? null : { byteOffset: 100, bytes: tail };
    yield { items: [], cursor: at, end: { cursor: at, tornTail, blankLines: 0, lastLine: null } };
  },
});

describe('the kpi tally over a run log', () => {
  it('given two run_end lines and no torn tail, then both count and the tail is never read', async () => {
    const reads: number[] = [];
    const t = await tallyRuns(source([done(10), done(30)], null), async (o) => (reads.push(o), ''));
    expect([t.runEnd, t.success, t.sum, reads]).toEqual([2, 2, 40, []]);
  });

  it('given a torn last line that is a whole record (no newline yet), then it counts too', async () => {
    const text = '{"event":"run_end","command":"fail","exit_code":0,"duration_ms":5}\r';
    const t = await tallyRuns(source([done(10)], text.length), async (o, n) =>
      o === 100 ? text.slice(0, n) : '',
    );
    expect([t.runEnd, t.failed, t.sum]).toEqual([2, 1, 15]);
  });

  it('given a torn last line cut mid-record, then it is ignored', async () => {
    expect(tornRun('{"event":"run_e')).toBeNull();
    expect(tornRun('[1]')).toBeNull();
  });
});
