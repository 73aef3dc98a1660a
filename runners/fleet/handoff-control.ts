// The control port of `fleet handoff`: the script an operator names in OPS_MANAGER_CONTROL_SCRIPT (run
// as a process with the reference's control arguments, as the reference runs its control script), else
// opsfold's own `loop control`, in-process over the loop's steps.
import type { HandoffControlPorts } from '../../lib/fleet/handoff-dispatch.js';
import { runCommand } from '../../lib/io/process.js';
import type { Io } from '../cli/command.js';
import type { LoopSteps } from '../cli/loop-steps.js';

// A control that confirms by polling may take its whole confirmation timeout; leave room beyond it.
const SCRIPT_TIMEOUT_MS = 10 * 60_000;

/** opsfold-only flags of `loop control` that a reference control script does not take. */
const OWN_FLAGS = new Set(['--as-of', '--state-dir']);

/** Pure: `loop control <argv…>` as the argument list of an external control script. */
export const scriptArgs = (argv: readonly string[]): string[] => {
  const rest = argv[0] === 'loop' && argv[1] === 'control' ? argv.slice(2) : [...argv];
  const out: string[] = [];
  for (let k = 0; k < rest.length; k += 1) {
    const a = rest[k] as string;
    if (OWN_FLAGS.has(a)) k += 1;
    else out.push(a);
  }
  return out;
};

/** The port's `control`: the operator's script when OPS_MANAGER_CONTROL_SCRIPT names one. */
export const handoffControl =
  (io: Io, loop: LoopSteps): HandoffControlPorts['control'] =>
  async (argv) => {
    const script = io.env['OPS_MANAGER_CONTROL_SCRIPT'];
    if (script === undefined || script === '') return loop.control(argv, io);
    // As the reference captures its control script (2>&1): the JSON it prints is read from the output.
    const ran = await runCommand(script, scriptArgs(argv), { env: io.env, timeoutMs: SCRIPT_TIMEOUT_MS });
    return { code: ran.code, stdout: ran.out };
  };
