// Resolves the fleet's artifact paths (lib/fleet/layout.ts) under a repo, each overridable by its
// flag, and where opsfold keeps its own fleet state (fold checkpoints) under .opsfold/fleet/.
import { repoRoot } from '../cli/repo-root.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FLEET_FILES, fileFlagOf, type FleetFileKey, type FleetPaths } from '../../lib/fleet/layout.js';
import { str, type Flag, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';

export type { FleetPaths };

/** The --<file> flag of an artifact, with the reference's help text. */
export const fileFlag = (key: FleetFileKey, what: string): Record<string, Flag> => fileFlagOf(key, what);

/** Resolves the repo (which must exist) and every fleet artifact path. */
export const fleetPaths = (cwd: string, v: Values): FleetPaths => {
  const repo = repoRoot(cwd, str(v, 'repo'));
  if (!existsSync(repo)) throw new CliError(`repository not found: ${repo}`);
  const fleetDir = join(repo, '.superloop', 'ops-manager', 'fleet');
  const named = new Set<string>();
  const files = Object.fromEntries(
    Object.entries(FLEET_FILES).map(([key, [flag, rel]]) => {
      const given = str(v, flag);
      if (given === undefined || given === '') return [key, join(fleetDir, rel)];
      named.add(resolve(cwd, given));
      return [key, resolve(cwd, given)];
    }),
  ) as Record<FleetFileKey, string>;
  const stateDir = str(v, 'state-dir');
  const opsfoldDir = join(stateDir === undefined ? join(repo, '.opsfold') : resolve(cwd, stateDir), 'fleet');
  return { repo, ...files, opsfoldDir, stateDir, named };
};

/** The fleet's mutation lock target: a second reconcile/policy/handoff run fails fast (exit 75). */
export const fleetLockTarget = (p: FleetPaths, what: 'reconcile' | 'policy' | 'handoff'): string =>
  join(p.opsfoldDir, what);
