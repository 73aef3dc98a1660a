// The controller's stages at the edge. By default they are opsfold's own `fleet promotion-orchestrate`
// and `fleet promotion-ci`, run in process from the table the controller was dispatched from (so the
// controller imports neither). An operator may replace either with a script, as the reference allows:
// OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT, OPS_MANAGER_PROMOTION_CI_SCRIPT.
import { resolve } from 'node:path';
import * as t from 'io-ts';
import type { ControllerPorts, JsonRead, StepRun } from '../../lib/fleet/promotion-controller.js';
import { runCommand } from '../../lib/io/process.js';
import { readDocument } from '../../lib/io/store.js';
import { runCaptured } from '../cli/capture.js';
import type { Io } from '../cli/command.js';

/** A stage may run a whole promotion evaluation; the reference waits for it without a limit. */
const STAGE_TIMEOUT_MS = 30 * 60_000;

const stage = (io: Io, envName: string, command: readonly string[]) => {
  const script = io.env[envName];
  if (script !== undefined && script !== '')
    return (args: readonly string[]): Promise<StepRun> =>
      runCommand(script, args, { env: io.env, timeoutMs: STAGE_TIMEOUT_MS });
  return async (args: readonly string[]): Promise<StepRun> => {
    const ran = await runCaptured(io.table ?? [], [...command, ...args], io);
    return { code: ran.code, out: ran.stdout + ran.stderr };
  };
};

const readJson = async (io: Io, file: string): Promise<JsonRead> => {
  const read = await readDocument(resolve(io.cwd, file), t.unknown);
  if (read.kind === 'found') return { kind: 'found', value: read.value };
  // There but unreadable or not JSON: invalid, as `jq` finds it after the reference's `-f` test.
  return read.kind === 'missing' ? { kind: 'missing' } : { kind: 'invalid' };
};

/** The ports the controller's stages run through. */
export const controllerPorts = (io: Io): ControllerPorts => ({
  orchestrate: stage(io, 'OPS_MANAGER_PROMOTION_ORCHESTRATE_SCRIPT', ['fleet', 'promotion-orchestrate']),
  ci: stage(io, 'OPS_MANAGER_PROMOTION_CI_SCRIPT', ['fleet', 'promotion-ci']),
  readJson: (file) => readJson(io, file),
});
