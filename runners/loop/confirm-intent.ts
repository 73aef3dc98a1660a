// opsfold loop confirm-intent: polls the loop's snapshot until the intent's effect is observed or the
// timeout passes, prints the reference's result document, exits 0 when confirmed and 1 when not.
import type { Command } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { loopFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';
import { loopPathsOf } from '../cli/loop-paths.js';
import { requireKnownLoop } from '../cli/known-loop.js';
import { clockFromFlags, realSleep, type Sleep } from '../cli/run-clock.js';
import { confirmIntent } from './transport/confirm.js';
import { confirmFlags, confirmTiming, intentFlag, intentOf, requireRepo } from './transport/control-flags.js';

/** The command with its sleep injected. */
export const makeLoopConfirmIntent = (deps: { readonly sleep: Sleep }): Command => ({
  path: ['loop', 'confirm-intent'],
  prints: 'json',
  title: 'wait until a control intent is observed in the loop state',
  usage:
    '--repo <path> --loop <id> --intent cancel|approve|reject [--timeout-seconds N] [--interval-seconds N]',
  summary:
    'Poll the loop_run_snapshot until the intent shows: cancel → neither active nor running (inactive_not_running); ' +
    'approve → completion (completion_observed); reject → the rejection (rejection_observed). Prints intent, confirmed, ' +
    'reason (timeout when not confirmed), attempts, timeoutSeconds and the observed fields.',
  flags: {
    repo: repoFlag,
    loop: loopFlag,
    intent: intentFlag,
    ...confirmFlags,
    'state-dir': stateDirFlag,
    'as-of': asOfFlag,
  },
  exits: {
    [EXIT.ok]: 'confirmed',
    [EXIT.error]: 'not confirmed before the timeout, or bad input',
    [EXIT.usage]: 'usage error: missing --repo/--loop/--intent, unknown intent, bad number',
  },
  async run(v, _pos, io) {
    const p = loopPathsOf(v, io.cwd);
    const intent = intentOf(v);
    const timing = confirmTiming(v);
    requireRepo(p);
    requireKnownLoop(p);
    const result = await confirmIntent(
      p,
      { intent, ...timing },
      { clock: clockFromFlags(v, io), sleep: deps.sleep },
    );
    await writeOut(io.stdout, `${JSON.stringify(result)}\n`);
    return result.confirmed ? EXIT.ok : EXIT.error;
  },
});

export const loopConfirmIntent = makeLoopConfirmIntent({ sleep: realSleep });
