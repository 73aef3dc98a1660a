// Finding and reading the alert sink catalog: --config-file, else OPS_MANAGER_ALERT_SINKS_FILE, else
// the catalog shipped with opsfold (config/ops-manager-alert-sinks.v1.json). Problems come back as
// values (the reference's error line plus opsfold's detail) so dispatch can report them per row.
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { validateConfig, type AlertSinkConfig, type ConfigProblem } from '../../lib/alerts/config.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { packageRoot } from '../cli/package-root.js';

export const CONFIG_ENV = 'OPS_MANAGER_ALERT_SINKS_FILE';

/** The catalog opsfold ships (same shape as the reference's; every sink disabled). */
export const defaultConfigPath = (): string =>
  join(packageRoot(), 'config', 'ops-manager-alert-sinks.v1.json');

/** The catalog path as the operator named it (kept verbatim: it is reported as `sourceFile`). */
export const configPathOf = (given: string | undefined, env: NodeJS.ProcessEnv): string => {
  if (given !== undefined && given !== '') return given;
  const fromEnv = env[CONFIG_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultConfigPath();
};

const isFile = async (file: string): Promise<boolean> =>
  (await fsp.stat(file).catch(() => null))?.isFile() === true;

/** Reads and validates the catalog at `sourceFile` (relative to cwd). */
export const loadConfig = async (
  sourceFile: string,
  cwd: string,
): Promise<E.Either<ConfigProblem, AlertSinkConfig>> => {
  const file = resolve(cwd, sourceFile);
  if (!(await isFile(file)))
    return E.left({ errorLine: `alert sink config file not found: ${sourceFile}`, detail: '' });
  try {
    const doc = await readJsonDoc(file, `invalid alert sink config JSON: ${sourceFile}`, sourceFile);
    if (!doc.found)
      return E.left({ errorLine: `alert sink config file not found: ${sourceFile}`, detail: '' });
    const checked = validateConfig(doc.value);
    return E.isLeft(checked)
      ? E.left({ errorLine: checked.left.errorLine, detail: `${sourceFile}: ${checked.left.detail}` })
      : checked;
  } catch (err) {
    if (err instanceof CliError) return E.left({ errorLine: err.errorLine, detail: err.details.join(' ') });
    throw err;
  }
};

/** Pure: is the env var set to something non-empty (the reference's `-n "${!name-}"`)? */
export const isSetIn =
  (env: NodeJS.ProcessEnv) =>
  (name: string): boolean =>
    (env[name] ?? '') !== '';
