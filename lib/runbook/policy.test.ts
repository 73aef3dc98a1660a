// The execution_policy decision, rule by rule, with the origin's reason texts.
import { describe, expect, it } from 'vitest';
import { checkCommand, checkStep, compilePattern, denyReasonOf, jsPatternOf } from './policy.js';
import { settingsOf } from './settings.js';

const base = settingsOf({
  execution_policy: {
    default_action: 'allow',
    stop_on_deny: true,
    deny_if_contains: ['Remove-Item', 'del '],
  },
  deny_patterns: ['Invoke-WebRequest', 'rmdir.*/s'],
  allow_types: ['powershell'],
});
const ps = (code: string) => ({ type: 'powershell', code });

describe('given an allow-by-default policy', () => {
  it('when no rule matches and the type is allowed, the command is allowed (allowlist通過)', () => {
    expect(checkCommand(base, ps('Get-ChildItem'))).toMatchObject({
      decision: 'allow',
      rule: null,
      shown: 'allow',
      reason: 'allowlist通過',
    });
  });

  it('when a deny_if_contains keyword is a substring (case-sensitive), it is denied by that keyword', () => {
    expect(checkCommand(base, ps('Remove-Item x'))).toMatchObject({
      decision: 'deny',
      rule: 'deny_if_contains',
      matched: 'Remove-Item',
      shown: 'deny deny_if_contains:Remove-Item',
      reason: "deny_if_contains 'Remove-Item' に一致",
    });
    expect(checkCommand(base, ps('remove-item x')).decision).toBe('allow');
  });

  it('when a deny_patterns entry matches in any case, it is denied by that pattern', () => {
    expect(checkCommand(base, ps('RMDIR C:\\x /S'))).toMatchObject({
      rule: 'deny_patterns',
      matched: 'rmdir.*/s',
      reason: "禁止パターン 'rmdir.*/s' に一致",
    });
  });

  it('when the type is not in allow_types, it is denied by allow_types with the Python list in the reason', () => {
    expect(checkCommand(base, { type: 'python', code: 'print(1)' })).toMatchObject({
      rule: 'allow_types',
      matched: 'python',
      reason: "type 'python' は許可されていない (allow_types: ['powershell'])",
    });
  });

  it('when the code is long, the snippet keeps its first 200 characters', () => {
    expect(checkCommand(base, ps(`Remove-Item ${'a'.repeat(300)}`)).code_snippet).toHaveLength(200);
  });
});

describe('given default_action deny', () => {
  it('when any command is asked, it is denied by default_action before anything else', () => {
    const s = { ...base, defaultAction: 'deny' };
    expect(checkCommand(s, ps('Get-Date'))).toMatchObject({
      rule: 'default_action',
      shown: 'deny execution_policy.default_action=deny',
      reason: 'execution_policy.default_action=deny',
    });
  });
});

describe('given the commands of one step', () => {
  it('when every command is denied, the phase is deny and stop_on_deny=true stops', () => {
    const r = checkStep(base, [ps('Remove-Item a'), ps('del b')]);
    expect(r).toMatchObject({ phase: 'deny', all_denied: true, denied_count: 2, on_deny: 'stop' });
    expect(denyReasonOf(r)).toBe(
      "全コマンドがdeny: deny_if_contains 'Remove-Item' に一致; deny_if_contains 'del ' に一致",
    );
  });

  it('when stop_on_deny is false, a deny step continues', () => {
    expect(checkStep({ ...base, stopOnDeny: false }, [ps('Remove-Item a')]).on_deny).toBe('continue');
  });

  it('when one command is allowed, the phase is execute and nothing stops', () => {
    expect(checkStep(base, [ps('Get-Date'), ps('Remove-Item a')])).toMatchObject({
      phase: 'execute',
      all_denied: false,
      allowed_count: 1,
      on_deny: null,
    });
  });

  it('when the step has no command, it is not a deny step', () => {
    expect(checkStep(base, [])).toMatchObject({ phase: 'execute', all_denied: false });
  });
});

describe('given Python regular expressions', () => {
  it('when they use Python-only syntax, they are translated', () => {
    expect(jsPatternOf('(?i)(?P<verb>del)\\s+(?P=verb)\\Z')).toBe('(?<verb>del)\\s+\\k<verb>$');
    expect(compilePattern('(?P<x>a)')?.test('A')).toBe(true);
  });

  it('when a pattern does not compile, every command is denied by it', () => {
    expect(checkCommand({ ...base, denyPatterns: ['(unclosed'] }, ps('Get-Date'))).toMatchObject({
      decision: 'deny',
      rule: 'deny_patterns',
      matched: '(unclosed',
    });
  });
});
