// The job payload as a step log stores it: Python's json.dumps text, at most 2,000 characters plus the
// "...(truncated)" mark.
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps, storedPayload, truncateText } from './payload.js';

describe('given a job_input.json payload', () => {
  it('when serialised, it reads as Python json.dumps(ensure_ascii=False) writes it', () => {
    const payload = {
      job_name: 'custom_job',
      target: 'some_target',
      params: { key1: 'value1', n: [1, 2.5, null, true] },
    };
    expect(pythonJsonDumps(payload)).toBe(
      '{"job_name": "custom_job", "target": "some_target", "params": {"key1": "value1", "n": [1, 2.5, null, true]}}',
    );
    expect(pythonJsonDumps({ 名前: '値\n"x"' })).toBe('{"名前": "値\\n\\"x\\""}');
  });

  it('when it fits in 2,000 characters, it is stored whole with its Python length', () => {
    const s = storedPayload({ a: 'é' });
    expect(s).toEqual({ text: '{"a": "é"}', size: 10, truncated: false });
  });

  it('when it is longer, the first 2,000 characters are kept and the mark appended', () => {
    const s = storedPayload({ blob: 'y'.repeat(2500) });
    expect(s.truncated).toBe(true);
    expect(s.size).toBe(2500 + '{"blob": ""}'.length);
    expect(s.text).toBe(`{"blob": "${'y'.repeat(2000 - 10)}...(truncated)`);
  });

  it('when it is cut among astral characters, Python counts code points and no surrogate is split', () => {
    const text = '😀'.repeat(2001);
    const cut = truncateText(text);
    expect(cut).toBe(`${'😀'.repeat(2000)}...(truncated)`);
    expect(truncateText('😀'.repeat(2000))).toBe('😀'.repeat(2000));
  });
});
