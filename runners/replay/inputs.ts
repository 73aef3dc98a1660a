// What a replay folds: the files its paths and globs name (sorted, deduplicated), the projection, and
// the integer flags of --check-laws.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import fg from 'fast-glob';
import { discover } from '../../lib/io/discover.js';
import { projectionNames, projections, type RegisteredProjection } from '../../lib/projections.js';
import { str, type Values } from '../cli/command.js';
import { CliError, usageError } from '../cli/errors.js';

const isFile = async (f: string): Promise<boolean> => (await stat(f).catch(() => null))?.isFile() === true;

/** Each PATH is a file (taken as is) or a glob (expanded under cwd); the union, sorted, without duplicates. */
export const expand = async (paths: readonly string[], cwd: string): Promise<string[]> => {
  const all = new Set<string>();
  for (const p of paths) {
    const literal = resolve(cwd, p);
    const exists = await isFile(literal);
    if (!exists && !fg.isDynamicPattern(p)) throw new CliError(`no such file: ${p}`);
    const found = exists ? [literal] : await discover(p, cwd);
    if (found.length === 0) throw new CliError(`no file matches ${p}`, [`the glob is expanded under ${cwd}`]);
    for (const f of found) all.add(f);
  }
  return [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};

export const intFlag = (v: Values, name: string, min: number, fallback: number): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min)
    throw usageError(`--${name} must be an integer >= ${min}: ${raw}`);
  return n;
};

export const lookup = (name: string | undefined): RegisteredProjection => {
  const entry = name !== undefined && Object.hasOwn(projections, name) ? projections[name] : undefined;
  if (entry !== undefined) return entry;
  const problem =
    name === undefined || name === '' ? '--projection is required' : `unknown projection: ${name}`;
  throw usageError(problem, `registered: ${projectionNames().join(', ')}`);
};
