// opsfold runbook policy: asks the execution_policy of a config_v0_3.json about commands before the
// orchestrator runs them. Prints `allow` or `deny <rule>` per command; exit 0 either way.
import { resolve } from 'node:path';
import { commandsOf, policyAnswer } from '../../lib/runbook/policy-answer.js';
import { required, str, type Command } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { readNamedConfig } from './gather.js';

export const runbookPolicy: Command = {
  path: ['runbook', 'policy'],
  title: 'allow or deny a command under a config_v0_3.json execution_policy',
  usage: '--config <config_v0_3.json> --command "<code>" [--command …] [--type powershell] [--json]',
  summary:
    'The execution_policy decision of the orchestrator: default_action deny denies everything; then every deny check ' +
    '(deny_if_contains substrings, deny_patterns regular expressions, case-insensitive) runs before the allowlist ' +
    '(allow_types). Prints `allow` or `deny <rule>` for each command; with several commands (one step) a last line ' +
    'says whether the step becomes deny (every command denied) and whether stop_on_deny stops or continues.',
  flags: {
    config: { type: 'string', arg: 'path', help: 'The config_v0_3.json to read. Required.', input: true },
    command: { type: 'string', arg: 'code', multiple: true, help: 'A command (code). Repeat for one step.' },
    type: {
      type: 'string',
      arg: 'type',
      help: 'The command type checked against allow_types. Default: powershell',
    },
    json: {
      type: 'boolean',
      help: 'Print the full report as JSON (contracts/runbook-policy-report.schema.json).',
    },
  },
  exits: {
    0: 'decided (allowed or denied)',
    1: 'the config is missing or unreadable',
    64: 'usage error',
  },
  notes: [
    'Rules print as execution_policy.default_action=deny, deny_if_contains:<keyword>, deny_patterns:<pattern>,',
    'allow_types:<type>. A deny_patterns entry that does not compile denies (fail closed).',
  ],
  async run(v, _pos, io) {
    const configArg = required(v, 'config');
    const codes = commandsOf(v['command']);
    const config = await readNamedConfig(resolve(io.cwd, configArg), configArg);
    if (config === null) throw new CliError(`config not found: ${configArg}`);
    const o = { type: str(v, 'type') ?? 'powershell', json: v['json'] === true };
    await writeOut(io.stdout, policyAnswer(config, codes, o));
    return 0;
  },
};
