// An escalation row is data: blank, unparsable and category-less rows are classified, never thrown.
import { describe, expect, it } from 'vitest';
import { classifyRow } from './escalation.js';

describe('classifying escalations.jsonl rows', () => {
  it('a whitespace-only line is blank', () => {
    expect(classifyRow(' \t')).toEqual({ kind: 'blank' });
    expect(classifyRow('')).toEqual({ kind: 'blank' });
  });

  it('an unparsable line keeps its raw text', () => {
    expect(classifyRow('not-json')).toEqual({ kind: 'invalid_json', raw: 'not-json' });
    expect(classifyRow('{"category":')).toEqual({ kind: 'invalid_json', raw: '{"category":' });
  });

  it('a row without a category, with a null or empty one, or that is not an object, has no category', () => {
    for (const text of ['{"loopId":"a"}', '{"category":null}', '{"category":""}', '[1]', '42', 'null'])
      expect(classifyRow(text).kind).toBe('missing_category');
    expect(classifyRow('{"timestamp":"t"}')).toEqual({ kind: 'missing_category', value: { timestamp: 't' } });
  });

  it('a row with a category carries its severity, timestamp, loop and trace when present', () => {
    const row = classifyRow(
      '{"category":"health_critical","severity":"critical","timestamp":"2026-02-22T11:00:00Z","loopId":"l","traceId":"t-1"}',
    );
    expect(row).toMatchObject({
      kind: 'escalation',
      escalation: {
        category: 'health_critical',
        severity: 'critical',
        timestamp: '2026-02-22T11:00:00Z',
        loopId: 'l',
        traceId: 't-1',
      },
    });
    const bare = classifyRow('{"category":"divergence_detected"}');
    expect(bare).toMatchObject({
      escalation: { severity: null, timestamp: '', loopId: null, traceId: null },
    });
  });
});
