// The acting part of a local control run: the facts admission reads, then the intent's command
// through the executor, confirmed by observing the loop when asked.
import { localOutcome } from '../../../lib/loop/control-outcome.js';
import { commandLine, superloopArgs, type IntentCommand } from '../../../lib/loop/intent-command.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { confirmIntent, type ConfirmDeps } from './confirm.js';
import type { IntentExecutor } from './executor.js';
import type { ControlRequestFields } from './request.js';

/** A document the admission check reads; null when absent. */
export const docOrNull = async (file: string): Promise<unknown> => {
  const doc = await readJsonDoc(file, `invalid JSON: ${file}`);
  return doc.found ? doc.value : null;
};

/** Runs the intent's command and, when it succeeded and confirmation is on, confirms by observation. */
export const actAndConfirm = async (
  p: LoopPaths,
  r: ControlRequestFields,
  d: ConfirmDeps & { readonly executor: IntentExecutor },
  cmd: IntentCommand,
) => {
  const ran = await d.executor.run(cmd, d.clock.iso());
  const doConfirm = r.doConfirm && ran.exitCode === 0;
  const confirmed = doConfirm ? await confirmIntent(p, r, d) : null;
  return localOutcome({
    command: commandLine(d.executor.program, superloopArgs(cmd)),
    exitCode: ran.exitCode,
    output: ran.output,
    confirm: confirmed === null ? null : { confirmed: confirmed.confirmed, result: confirmed },
    doConfirm: r.doConfirm,
  });
};
