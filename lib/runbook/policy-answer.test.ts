// `runbook policy`'s answer: the commands asked about, and the report as lines or JSON.
import { describe, expect, it } from 'vitest';
import { commandsOf, policyAnswer } from './policy-answer.js';

describe('given the --command values', () => {
  it('takes one or several, and refuses none as a usage error', () => {
    expect(commandsOf('dir')).toEqual(['dir']);
    expect(commandsOf(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => commandsOf(undefined)).toThrow(
      expect.objectContaining({ usage: true, errorLine: '--command is required' }),
    );
  });
});

describe('given a config that denies by keyword', () => {
  const config = { execution_policy: { deny_if_contains: ['rm -rf'] } };

  it('prints allow or deny per command, and the same report as JSON', () => {
    const text = policyAnswer(config, ['dir', 'rm -rf /'], { type: 'powershell', json: false });
    expect(text).toContain('deny deny_if_contains:rm -rf');
    const json = JSON.parse(policyAnswer(config, ['dir'], { type: 'powershell', json: true })) as {
      commands: unknown[];
    };
    expect(json.commands).toHaveLength(1);
  });
});
