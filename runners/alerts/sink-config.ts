// opsfold alerts sink-config: resolves the alert sink catalog (validated fail-closed), optionally the
// route of one escalation category, and checks that enabled sinks' secret env vars are set.
import { sinkConfigAnswer, sinkConfigFlagProblem } from '../../lib/alerts/sink-config.js';
import { configPathOf, isSetIn, loadConfig } from '../../lib/alerts/load-config.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { str, type Command } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { defaultConfigPath, readDocAt } from './load-config.js';

export const alertsSinkConfig: Command = {
  path: ['alerts', 'sink-config'],
  title: 'resolve and validate the alert sink catalog and routes',
  usage: '[--config-file F] [--category C [--severity S]] [--list-sinks] [--no-env-check] [--pretty]',
  summary:
    'Resolve the versioned alert sink catalog (precedence: --config-file, OPS_MANAGER_ALERT_SINKS_FILE, the ' +
    'shipped config/ops-manager-alert-sinks.v1.json), validate sinks and routes fail-closed, check that enabled ' +
    "sinks' secret env vars are set, and print the catalog summary or one category's route.",
  flags: {
    'config-file': { type: 'string', arg: 'path', help: 'Alert sink config JSON path.' },
    category: { type: 'string', arg: 'name', help: 'Resolve routing for one escalation category.' },
    severity: {
      type: 'string',
      arg: 'level',
      help: 'Event severity for route resolution (info|warning|critical); needs --category.',
    },
    'list-sinks': {
      type: 'boolean',
      help: 'Print sink id, type and enabled flag, tab-separated, one per line.',
    },
    'no-env-check': {
      type: 'boolean',
      help: "Skip the fail-closed check of enabled sinks' secret env vars.",
    },
    pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
  },
  exits: {
    [EXIT.ok]: 'ok',
    [EXIT.error]:
      'config file missing, invalid JSON (file:line:byte), invalid shape/sinks/routing, or an enabled sink secret unset',
    [EXIT.usage]: 'usage error: unknown flag, --severity without --category or not info|warning|critical',
  },
  notes: [
    'A route with "enabled": false is skipped (its category falls back to the default sinks); the reference',
    'reads false as true. Secrets are never printed: envStatus reports only whether each variable is set.',
  ],
  async run(v, _pos, io) {
    const flags = {
      category: str(v, 'category') ?? '',
      severity: str(v, 'severity') ?? '',
      listOnly: v['list-sinks'] === true,
    };
    const problem = sinkConfigFlagProblem(flags);
    if (problem !== null) throw usageError(problem);
    const sourceFile = configPathOf(str(v, 'config-file'), io.env, defaultConfigPath);
    const loaded = await loadConfig(readDocAt(io.cwd), sourceFile);
    const query = { ...flags, sourceFile, envCheckEnabled: v['no-env-check'] !== true };
    const answer = sinkConfigAnswer(loaded, query, isSetIn(io.env));
    if (answer.kind === 'usage') throw usageError(answer.message);
    if (answer.kind === 'refused') throw new CliError(answer.errorLine, answer.details);
    await writeOut(
      io.stdout,
      answer.kind === 'text' ? answer.text : stableJson(answer.value, v['pretty'] === true),
    );
    return EXIT.ok;
  },
};
