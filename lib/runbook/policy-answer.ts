// What `runbook policy` answers: the commands asked about (one --command, or several for one step) and
// the execution_policy's report on them, as lines or as JSON.
import { stableJson } from '../core/stable-json.js';
import type { TosConfig } from './codecs.js';
import { checkStep, policyText } from './policy.js';
import { RunbookError } from './runbook-error.js';
import { settingsOf } from './settings.js';

/** Pure: the --command value(s) as given; none is a usage error. */
export const commandsOf = (given: unknown): string[] => {
  const list = Array.isArray(given) ? given.map(String) : typeof given === 'string' ? [given] : [];
  if (list.length === 0) throw new RunbookError('--command is required', [], true);
  return list;
};

/** Pure: the report on `codes` (all of type `type`) under the config's policy, as `runbook policy` prints it. */
export const policyAnswer = (
  config: TosConfig,
  codes: readonly string[],
  o: { readonly type: string; readonly json: boolean },
): string => {
  const report = checkStep(
    settingsOf(config),
    codes.map((code) => ({ type: o.type, code })),
  );
  return o.json ? stableJson(report) : policyText(report);
};
