// The execution_policy decision for one command and for one step's commands (check_allowlist and
// pre_check_commands of the origin). Law: a command is allowed only when default_action is not "deny",
// no deny_if_contains keyword is a substring of it, no deny_patterns entry matches it (case-insensitive,
// an entry that cannot be compiled denies), and its type is in allow_types. Every deny check runs
// before the allowlist, so a denied command always names the deny rule that caught it. A step's phase
// is "deny" only when it has commands and every one is denied; stop_on_deny then says stop or continue.
import type { CommandVerdict, PolicyReport, PolicyRule } from './summary-codecs.js';
import type { TosSettings } from './settings.js';

export type PolicySettings = Pick<
  TosSettings,
  'defaultAction' | 'denyIfContains' | 'denyPatterns' | 'allowTypes' | 'stopOnDeny'
>;

export interface PolicyCommand {
  readonly type: string;
  readonly code: string;
}

const SNIPPET = 200;

/** Pure: a Python `re` pattern in JavaScript syntax (named groups, \A, \Z, a leading (?i) dropped). */
export const jsPatternOf = (pattern: string): string =>
  pattern
    .replace(/^\(\?i\)/, '')
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$');

/** Pure: the compiled case-insensitive pattern, or null when it does not compile. */
export const compilePattern = (pattern: string): RegExp | null => {
  try {
    return new RegExp(jsPatternOf(pattern), 'i');
  } catch {
    return null;
  }
};

const pyList = (xs: readonly string[]): string => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

const deny = (
  c: PolicyCommand,
  rule: PolicyRule,
  matched: string | null,
  reason: string,
): CommandVerdict => ({
  type: c.type,
  code_snippet: [...c.code].slice(0, SNIPPET).join(''),
  decision: 'deny',
  rule,
  matched,
  shown: `deny ${rule === 'default_action' ? 'execution_policy.default_action=deny' : `${rule}:${matched ?? ''}`}`,
  reason,
});

const patternDeny = (s: PolicySettings, c: PolicyCommand): CommandVerdict | null => {
  for (const p of s.denyPatterns) {
    const re = compilePattern(p);
    if (re === null)
      return deny(c, 'deny_patterns', p, `禁止パターン '${p}' を解釈できない (invalid pattern)`);
    if (re.test(c.code)) return deny(c, 'deny_patterns', p, `禁止パターン '${p}' に一致`);
  }
  return null;
};

/** Pure: allow or deny one command, naming the first rule that denies it. */
export const checkCommand = (s: PolicySettings, c: PolicyCommand): CommandVerdict => {
  if (s.defaultAction === 'deny')
    return deny(c, 'default_action', null, 'execution_policy.default_action=deny');
  const keyword = s.denyIfContains.find((k) => c.code.includes(k));
  if (keyword !== undefined)
    return deny(c, 'deny_if_contains', keyword, `deny_if_contains '${keyword}' に一致`);
  const byPattern = patternDeny(s, c);
  if (byPattern !== null) return byPattern;
  if (!s.allowTypes.includes(c.type))
    return deny(
      c,
      'allow_types',
      c.type,
      `type '${c.type}' は許可されていない (allow_types: ${pyList(s.allowTypes)})`,
    );
  return {
    type: c.type,
    code_snippet: [...c.code].slice(0, SNIPPET).join(''),
    decision: 'allow',
    rule: null,
    matched: null,
    shown: 'allow',
    reason: 'allowlist通過',
  };
};

/** Pure: the verdicts of one step's commands, whether the step becomes `deny`, and stop or continue. */
export const checkStep = (s: PolicySettings, commands: readonly PolicyCommand[]): PolicyReport => {
  const verdicts = commands.map((c) => checkCommand(s, c));
  const denied = verdicts.filter((v) => v.decision === 'deny').length;
  const allDenied = denied > 0 && denied === verdicts.length;
  return {
    commands: verdicts,
    allowed_count: verdicts.length - denied,
    denied_count: denied,
    all_denied: allDenied,
    phase: allDenied ? 'deny' : 'execute',
    stop_on_deny: s.stopOnDeny,
    on_deny: allDenied ? (s.stopOnDeny ? 'stop' : 'continue') : null,
  };
};

/** Pure: the step log's done_reason for a denied step (`全コマンドがdeny: r1; r2`). */
export const denyReasonOf = (report: PolicyReport): string =>
  `全コマンドがdeny: ${report.commands
    .filter((v) => v.decision === 'deny')
    .map((v) => v.reason)
    .join('; ')}`;

/** Pure: what `runbook policy` prints: a line per command and, for a step of several, what it becomes. */
export const policyText = (report: PolicyReport): string => {
  const step =
    report.commands.length < 2
      ? []
      : [
          report.all_denied
            ? `phase=deny stop_on_deny=${report.stop_on_deny} ${report.on_deny ?? ''}`
            : 'phase=execute',
        ];
  return `${[...report.commands.map((c) => c.shown), ...step].join('\n')}\n`;
};
