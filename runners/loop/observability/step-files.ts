// Where a standalone observability step reads and writes: the loop's manager files by default
// (.superloop/ops-manager/<loop>/…), each overridable by the reference's flag of the same name, and
// the one way every step persists: the state document atomically, then one telemetry record appended.
import { join, resolve } from 'node:path';
import { appendArtifact, writeArtifact, type ArtifactRoots } from '../../cli/artifacts.js';
import { required, type Flag, type Io, type Values } from '../../cli/command.js';
import { loopPaths, type LoopPaths } from '../../cli/loop-paths.js';
import { requireKnownLoop } from '../../cli/known-loop.js';
import { optional } from './inputs.js';

export const pathFlag = (help: string): Flag => ({ type: 'string', arg: 'path', help });

/** The paths of a loop the repo knows, from --repo (found upward when omitted) and --loop. */
export const stepPaths = (v: Values, io: Io): LoopPaths => {
  const p = loopPaths(
    io.cwd,
    optional(v, 'repo') ?? undefined,
    required(v, 'loop'),
    optional(v, 'state-dir') ?? undefined,
  );
  requireKnownLoop(p);
  return p;
};

/** A resolver of manager files: `--<flag>` resolved against cwd, else `<managerDir>/<rel>`. */
export const managerFiles =
  (v: Values, io: Io, p: LoopPaths) =>
  (flag: string, rel: string): string => {
    const given = optional(v, flag);
    return given === null ? join(p.managerDir, rel) : resolve(io.cwd, given);
  };

/**
 * Writes the step's state (sorted-key JSON, atomically), then appends its telemetry record; both are
 * confined to `roots` (loopRoots) so a symlink out of the repo is refused.
 */
export const persistStepUnder =
  (roots: ArtifactRoots) =>
  async (stateFile: string, state: unknown, telemetryFile: string, record: unknown): Promise<void> => {
    await writeArtifact(roots, stateFile, state, false);
    await appendArtifact(roots, telemetryFile, [record]);
  };
