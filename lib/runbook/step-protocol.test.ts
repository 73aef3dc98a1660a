// The orchestrator command's answer: done, the step's commands, or why there is no step.
import { describe, expect, it } from 'vitest';
import { stepAnswerOf } from './step-protocol.js';

const ok = (stdout: string) => stepAnswerOf({ code: 0, stdout, stderr: '' });

describe('given the orchestrator command has answered a step', () => {
  it('when it says done, the answer is done with its reason', () => {
    expect(ok('{"done":true,"done_reason":"r"}')).toEqual({ kind: 'done', reason: 'r' });
  });

  it('when it gives commands, they come with the summary', () => {
    expect(ok('{"commands":[{"type":"sh","code":"echo"}],"summary":"s"}')).toEqual({
      kind: 'commands',
      commands: [{ type: 'sh', code: 'echo' }],
      summary: 's',
    });
  });

  it('when it prints anything else, exits non-zero or times out, it failed, saying why', () => {
    expect(ok('not json').kind).toBe('failed');
    expect(ok('{"summary":"no commands"}').kind).toBe('failed');
    expect(stepAnswerOf({ code: 3, stdout: '', stderr: 'API down\n' })).toEqual({
      kind: 'failed',
      error: 'orchestrator command exited 3: API down',
    });
    expect(stepAnswerOf({ code: 124, stdout: '', stderr: '' })).toEqual({
      kind: 'failed',
      error: 'orchestrator command timed out',
    });
  });
});
