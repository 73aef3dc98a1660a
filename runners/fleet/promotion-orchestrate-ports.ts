// The orchestration's steps: the script an operator names in OPS_MANAGER_PROMOTION_CI_SCRIPT /
// OPS_MANAGER_PROMOTION_APPLY_SCRIPT (run as a process, as the reference runs its scripts), else
// opsfold's own `fleet promotion-ci` / `fleet promotion-apply`, run in process with captured output.
import * as t from 'io-ts';
import type { CiResultRead, OrchestratePorts, StepRun } from '../../lib/fleet/promotion-orchestrate.js';
import { describeProblem } from '../../lib/io/document.js';
import { runCommand } from '../../lib/io/process.js';
import { runCaptured } from '../cli/capture.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { readFleetDoc, type EdgeRoots } from './edge.js';
import { fleetPromotionApply } from './promotion-apply.js';
import { fleetPromotionCi } from './promotion-ci.js';

/** A replacement script may evaluate a whole fleet: allow it far longer than a helper command. */
const SCRIPT_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * A step as a port: the script named by the environment variable `envName` when set (run as a process,
 * output 2>&1 as the reference captures it), else `command` run in process with `inProcessArgs` added.
 * `fleet promotion-controller` can run this orchestration the same way
 * (OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT, fleetPromotionOrchestrate).
 */
export const stepPort =
  (io: Io, envName: string, command: Command, inProcessArgs: readonly string[]) =>
  async (args: readonly string[]): Promise<StepRun> => {
    const script = io.env[envName];
    if (script !== undefined && script !== '')
      return runCommand(script, args, { env: io.env, timeoutMs: SCRIPT_TIMEOUT_MS });
    const ran = await runCaptured([command], [...command.path, ...args, ...inProcessArgs], {
      cwd: io.cwd,
      env: io.env,
      now: io.now,
    });
    // As the reference captures a step (2>&1): on success the output is the printed JSON.
    return { code: ran.code, out: ran.code === 0 ? ran.stdout : `${ran.stdout}${ran.stderr}` };
  };

const readCiResult = async (roots: EdgeRoots, file: string, shown: string): Promise<CiResultRead> => {
  const read = await readFleetDoc(roots, file, t.unknown);
  if (read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'found') return { kind: 'found', value: read.value };
  const { problem } = read;
  return {
    kind: 'invalid',
    detail: problem.kind === 'unreadable' ? `${shown}: ${problem.reason}` : describeProblem(shown, problem),
  };
};

/** The ports of one run; opsfold's own steps get the run's --as-of, so a fixed instant holds for all. */
export const orchestratePorts = (
  io: Io,
  v: Values,
  roots: EdgeRoots,
  ciResult: { readonly file: string; readonly shown: string },
): OrchestratePorts => {
  const asOf = str(v, 'as-of');
  const own = asOf === undefined ? [] : ['--as-of', asOf];
  return {
    ci: stepPort(io, 'OPS_MANAGER_PROMOTION_CI_SCRIPT', fleetPromotionCi, own),
    apply: stepPort(io, 'OPS_MANAGER_PROMOTION_APPLY_SCRIPT', fleetPromotionApply, own),
    readCiResult: () => readCiResult(roots, ciResult.file, ciResult.shown),
  };
};
