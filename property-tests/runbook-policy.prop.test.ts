// The execution_policy decision (lib/runbook/policy.ts).
//
// Laws, checked against an oracle written from the runbook (docs/runbook.md "execution_policy"), not
// from the implementation:
//   1. Never allows a command that matches any deny rule: default_action deny, a deny_if_contains
//      keyword that is a substring, or a deny_patterns entry that matches case-insensitively (or does
//      not compile).
//   2. Allows exactly when no deny rule matches and the type is in allow_types.
//   3. The rule reported is the first in the order default_action, deny_if_contains, deny_patterns,
//      allow_types: deny checks always run before the allowlist.
//   4. A step is deny exactly when it has commands and every one of them is denied; on_deny is stop
//      when stop_on_deny holds, continue otherwise, and null for a step that is not deny.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCommand, checkStep, type PolicySettings } from '../lib/runbook/policy.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const params = { seed, numRuns: 500 };

const WORDS = [
  'Remove-Item',
  'rmdir',
  'del ',
  'Set-Content',
  'Get-Date',
  'shutdown',
  'curl ',
  'echo',
  ' ',
  '-Recurse',
  '/s',
];
// Patterns that mean the same in Python and JavaScript, and some that do not compile at all.
const PATTERNS = [
  'Remove-Item.*-Recurse',
  'rmdir.*/s',
  'shutdown',
  'curl ',
  'INVOKE-WEBREQUEST',
  '^echo$',
  '(',
  '[a-',
];
const TYPES = ['powershell', 'python', 'cmd', ''];

const settingsArb: fc.Arbitrary<PolicySettings> = fc.record({
  defaultAction: fc.constantFrom('allow', 'deny', 'Deny', ''),
  denyIfContains: fc.array(fc.constantFrom(...WORDS, 'item', 'ECHO'), { maxLength: 3 }),
  denyPatterns: fc.array(fc.constantFrom(...PATTERNS), { maxLength: 3 }),
  allowTypes: fc.array(fc.constantFrom(...TYPES), { maxLength: 2 }),
  stopOnDeny: fc.boolean(),
});
const commandArb = fc.record({
  type: fc.constantFrom(...TYPES),
  code: fc
    .array(fc.constantFrom(...WORDS, 'invoke-webrequest', 'x', 'C:\\tmp'), { maxLength: 5 })
    .map((w) => w.join('')),
});

const patternDenies = (p: string, code: string): boolean => {
  try {
    return new RegExp(p, 'i').test(code);
  } catch {
    return true;
  }
};

/** The oracle: the first rule that denies, or null when the command is allowed. */
const expectedRule = (s: PolicySettings, c: { type: string; code: string }): string | null => {
  if (s.defaultAction === 'deny') return 'default_action';
  if (s.denyIfContains.some((k) => c.code.includes(k))) return 'deny_if_contains';
  if (s.denyPatterns.some((p) => patternDenies(p, c.code))) return 'deny_patterns';
  if (!s.allowTypes.includes(c.type)) return 'allow_types';
  return null;
};

const matchesADenyRule = (s: PolicySettings, c: { type: string; code: string }): boolean =>
  s.defaultAction === 'deny' ||
  s.denyIfContains.some((k) => c.code.includes(k)) ||
  s.denyPatterns.some((p) => patternDenies(p, c.code));

// fast-check's failure report names the seed and the shrunk counterexample; FC_SEED replays it.
const check = <Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts>): void => fc.assert(prop, params);

describe('the execution_policy decision', () => {
  it('never allows a command that matches any deny rule', () => {
    check(
      fc.property(settingsArb, commandArb, (s, c) => {
        if (matchesADenyRule(s, c)) expect(checkCommand(s, c).decision).toBe('deny');
      }),
    );
  });

  it('allows exactly when no deny rule matches and the type is allowed, and names the first rule that denies', () => {
    check(
      fc.property(settingsArb, commandArb, (s, c) => {
        const v = checkCommand(s, c);
        const rule = expectedRule(s, c);
        expect([v.decision, v.rule]).toEqual([rule === null ? 'allow' : 'deny', rule]);
        expect(v.shown.startsWith(rule === null ? 'allow' : 'deny ')).toBe(true);
      }),
    );
  });

  it('makes a step deny exactly when every one of its commands is denied, and stop_on_deny picks stop', () => {
    check(
      fc.property(settingsArb, fc.array(commandArb, { maxLength: 4 }), (s, cs) => {
        const r = checkStep(s, cs);
        const allDenied = cs.length > 0 && cs.every((c) => expectedRule(s, c) !== null);
        expect(r.phase).toBe(allDenied ? 'deny' : 'execute');
        expect(r.on_deny).toBe(allDenied ? (s.stopOnDeny ? 'stop' : 'continue') : null);
        expect(r.allowed_count + r.denied_count).toBe(cs.length);
      }),
    );
  });
});
