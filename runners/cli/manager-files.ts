// The manager's durable files for one loop (lib/loop/layout.ts: the reference's paths under
// .superloop/ops-manager/<loop>/), each overridable by the reference's flag of the same name.
import { join, resolve } from 'node:path';
import { MANAGER_FILE_FLAGS, MANAGER_FILES, type ManagerFileKey } from '../../lib/loop/layout.js';
import { str, type Values } from './command.js';
import type { LoopPaths } from './loop-paths.js';

export type ManagerFiles = Readonly<Record<ManagerFileKey, string>>;

/** The default paths, with any file the command line names instead (relative to `cwd`). */
export const managerFiles = (p: LoopPaths, v: Values, cwd: string): ManagerFiles => {
  const out = {} as Record<ManagerFileKey, string>;
  for (const [key, rel] of Object.entries(MANAGER_FILES) as [ManagerFileKey, readonly string[]][]) {
    const flag = MANAGER_FILE_FLAGS[key];
    const given = flag === undefined ? undefined : str(v, flag);
    out[key] = given === undefined ? join(p.managerDir, ...rel) : resolve(cwd, given);
  }
  return out;
};

/**
 * The same files as the reference names them in what it writes and prints: a path given on the
 * command line as given (not made absolute), a default under the repo's manager directory.
 */
export const shownManagerFiles = (p: LoopPaths, v: Values): ManagerFiles => {
  const out = {} as Record<ManagerFileKey, string>;
  for (const [key, rel] of Object.entries(MANAGER_FILES) as [ManagerFileKey, readonly string[]][]) {
    const flag = MANAGER_FILE_FLAGS[key];
    out[key] = (flag === undefined ? undefined : str(v, flag)) ?? join(p.managerDir, ...rel);
  }
  return out;
};
