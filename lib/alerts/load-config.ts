// Finding and reading the alert sink catalog: --config-file, else OPS_MANAGER_ALERT_SINKS_FILE, else
// the catalog shipped with opsfold. Problems come back as values (the reference's error line plus
// opsfold's detail) so dispatch can report them per row. The read is a port: a document reader that
// resolves the path as the operator named it.
import * as E from 'fp-ts/lib/Either.js';
import { validateConfig, type AlertSinkConfig, type ConfigProblem } from './config.js';
import { problemDetail, type DocProblem } from './doc-problem.js';
import type { Env, ReadDoc } from './ports.js';

export const CONFIG_ENV = 'OPS_MANAGER_ALERT_SINKS_FILE';

/** The catalog opsfold ships, relative to its package root (the reference's shape; every sink disabled). */
export const SHIPPED_CONFIG = ['config', 'ops-manager-alert-sinks.v1.json'] as const;

/** The catalog path as the operator named it (kept verbatim: it is reported as `sourceFile`). */
export const configPathOf = (given: string | undefined, env: Env, shipped: () => string): string => {
  if (given !== undefined && given !== '') return given;
  const fromEnv = env[CONFIG_ENV];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : shipped();
};

/** Is the env var set to something non-empty (the reference's `-n "${!name-}"`)? */
export const isSetIn =
  (env: Env) =>
  (name: string): boolean =>
    (env[name] ?? '') !== '';

// Anything but a regular file (a directory, a FIFO) is "not found", as the reference's `-f` test says.
const notAFile = (p: DocProblem): boolean =>
  p.kind === 'refused' || (p.kind === 'unreadable' && p.code === 'EISDIR');

/** Reads and validates the catalog at `sourceFile`. */
export const loadConfig = async (
  read: ReadDoc,
  sourceFile: string,
): Promise<E.Either<ConfigProblem, AlertSinkConfig>> => {
  const got = await read(sourceFile);
  if (got.kind === 'missing' || (got.kind === 'problem' && notAFile(got.problem)))
    return E.left({ errorLine: `alert sink config file not found: ${sourceFile}`, detail: '' });
  if (got.kind === 'problem')
    return E.left({
      errorLine: `invalid alert sink config JSON: ${sourceFile}`,
      detail: problemDetail(sourceFile, got.problem),
    });
  const checked = validateConfig(got.value);
  return E.isLeft(checked)
    ? E.left({ errorLine: checked.left.errorLine, detail: `${sourceFile}: ${checked.left.detail}` })
    : checked;
};
