// Resolves promotion's locations (lib/fleet/promotion-layout.ts) under a repo: an empty flag value
// means the default, as in the reference.
import { repoRoot } from '../cli/repo-root.js';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROMOTION_FILES, type Loc, type PromotionPaths } from '../../lib/fleet/promotion-layout.js';
import { str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';

export type { PromotionPaths };

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The repo as an absolute path; a missing repo directory is an error (exit 1). */
export const repoOf = (io: Io, repoArg: string | undefined): string => {
  const repo = repoRoot(io.cwd, repoArg);
  if (!isDirectory(repo)) throw new CliError(`repo directory not found: ${repoArg ?? repo}`);
  return repo;
};

/** Resolves every promotion path from the flags. */
export const promotionPaths = (v: Values, io: Io, repo: string): PromotionPaths => {
  const given = (flag: string | null): Loc | null => {
    const text = flag === null ? undefined : str(v, flag);
    return text === undefined || text === ''
      ? null
      : { shown: text, file: resolve(io.cwd, text), named: true };
  };
  const locs = Object.fromEntries(
    Object.entries(PROMOTION_FILES).map(([key, [flag, rel]]) => {
      const file = join(repo, '.superloop', 'ops-manager', 'fleet', rel);
      return [key, given(flag) ?? { shown: file, file, named: false }];
    }),
  ) as Record<keyof typeof PROMOTION_FILES, Loc>;
  const fleetStatus = given('fleet-status-file');
  const named = new Set([...Object.values(locs), fleetStatus].flatMap((l) => (l?.named ? [l.file] : [])));
  return { repo, ...locs, fleetStatus, named };
};
