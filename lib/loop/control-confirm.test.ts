import { describe, expect, it } from 'vitest';
import { scriptConfirmation } from './control-confirm.js';

describe("an operator confirm script's answer", () => {
  it('given exit 0 and one JSON document, then it is confirmed and the document is kept', () => {
    expect(scriptConfirmation({ exitCode: 0, output: '{"confirmed":true}\n' })).toEqual({
      confirmed: true,
      result: { confirmed: true },
      exitCode: 0,
    });
  });
  it('given a non-zero exit, then it is not confirmed whatever the document says', () => {
    expect(scriptConfirmation({ exitCode: 1, output: '{"confirmed":true}' })).toMatchObject({
      confirmed: false,
      exitCode: 1,
    });
  });
  it.each(['', 'not json', '{"a":1}\n{"b":2}'])('given output %j, then no document is kept', (output) => {
    expect(scriptConfirmation({ exitCode: 0, output }).result).toBeNull();
  });
});
