// opsfold alerts sink-config: resolves the alert sink catalog (validated fail-closed), optionally the
// route of one escalation category, and checks that enabled sinks' secret env vars are set.
import * as E from 'fp-ts/lib/Either.js';
import {
  catalogSummary,
  envStatusOf,
  missingEnabledSecrets,
  resolveRoute,
  sinkListLines,
} from '../../lib/alerts/resolve.js';
import { isSeverity, SEVERITY_CHOICES } from '../../lib/alerts/severity.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { str, type Command } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { configPathOf, isSetIn, loadConfig } from '../../lib/alerts/load-config.js';
import { defaultConfigPath, readDocAt } from './load-config.js';

const checkFlags = (category: string, severity: string, listOnly: boolean): void => {
  if (listOnly && category !== '') throw usageError('--list-sinks cannot be combined with --category');
  if (category === '' && severity !== '') throw usageError('--severity requires --category');
  if (severity !== '' && !isSeverity(severity)) throw usageError(SEVERITY_CHOICES);
};

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
    const category = str(v, 'category') ?? '';
    const severity = str(v, 'severity') ?? '';
    const listOnly = v['list-sinks'] === true;
    checkFlags(category, severity, listOnly);
    const sourceFile = configPathOf(str(v, 'config-file'), io.env, defaultConfigPath);
    const loaded = await loadConfig(readDocAt(io.cwd), sourceFile);
    if (E.isLeft(loaded))
      throw new CliError(loaded.left.errorLine, loaded.left.detail === '' ? [] : [loaded.left.detail]);
    const config = loaded.right;
    const isSet = isSetIn(io.env);
    const envCheckEnabled = v['no-env-check'] !== true;
    const missing = envCheckEnabled ? missingEnabledSecrets(config, isSet) : [];
    if (missing.length > 0)
      throw new CliError(`enabled sink secret env var(s) are unset: ${missing.join(' ')}`, [
        'set them, disable those sinks, or pass --no-env-check',
      ]);
    if (listOnly) {
      await writeOut(io.stdout, sinkListLines(config));
      return EXIT.ok;
    }
    const query = { sourceFile, envStatus: envStatusOf(config, isSet), envCheckEnabled };
    const out =
      category === ''
        ? catalogSummary(config, query)
        : E.getOrElseW((): never => {
            throw usageError(SEVERITY_CHOICES);
          })(resolveRoute(config, { ...query, category, severity: severity === '' ? null : severity }));
    await writeOut(io.stdout, stableJson(out, v['pretty'] === true));
    return EXIT.ok;
  },
};
