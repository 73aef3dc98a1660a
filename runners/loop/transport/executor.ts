// What carries out an intent on the loop's files. The reference shells out to the superloop CLI
// (`$SUPERLOOP_BIN cancel|approve …`); opsfold does the same when a binary is named (SUPERLOOP_BIN or
// --superloop-bin), and otherwise makes the CLI's own file changes itself: cancel removes
// `.superloop/state.json`; approve/reject rewrite `approval.json` and append to `decisions.jsonl`,
// `decisions.md` and the loop's `events.jsonl`.
import { spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { appendJsonl } from '../../../lib/io/append.js';
import { writeFileAtomic } from '../../../lib/io/atomic.js';
import { displayPath } from '../../../lib/loop/artifact-ref.js';
import { alt, text } from '../../../lib/loop/event-fields.js';
import { readView } from '../../../lib/loop/lenient.js';
import { ApprovalView } from '../../../lib/loop/snapshot-views.js';
import {
  decidedApproval,
  decisionEvent,
  decisionMarkdown,
  decisionRecord,
  superloopArgs,
  type ApprovalDecision,
  type IntentCommand,
} from '../../../lib/loop/intent-command.js';
import type { ExecResult, IntentExecutor } from '../../../lib/loop/control-ports.js';
import { CliError } from '../../cli/errors.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

/** The last 40 lines of `text`, as `tail -n 40 | sed 's/\r$//'` leaves them. */
export const tail40 = (text: string): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .slice(-40)
    .map((l) => l.replace(/\r$/, ''))
    .join('\n');

const done = (output: string, exitCode = 0): ExecResult => ({ exitCode, output });

const cancel = async (p: LoopPaths): Promise<ExecResult> => {
  try {
    await fsp.unlink(p.state);
    return done('Cancelled loop state.');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return done('No active state file found.');
    return done(`error: cannot remove ${p.state}: ${(err as Error).message}`, 1);
  }
};

const decide = async (p: LoopPaths, cmd: IntentCommand, when: string): Promise<ExecResult> => {
  let doc;
  try {
    doc = await readJsonDoc(p.approval, `invalid JSON: ${p.approval}`);
  } catch (err) {
    return done(`error: ${err instanceof CliError ? err.errorLine : String(err)}`, 1);
  }
  if (!doc.found) return done(`error: no approval request found for loop '${cmd.loopId}'`, 1);
  const approval = readView(ApprovalView, doc.value);
  const status = text(alt(approval.status, 'pending'));
  if (status !== 'pending') return done(`error: approval request is not pending (status=${status})`, 1);
  const decision = cmd.intent === 'reject' ? 'rejected' : 'approved';
  const d: ApprovalDecision = {
    decision,
    by: cmd.by,
    note: cmd.note,
    at: when,
    loopId: cmd.loopId,
    approvalFile: displayPath(p.repo, p.approval),
  };
  // Key order kept as jq keeps it: the runtime's own fields first, the decision fields after them.
  await writeFileAtomic(p.approval, `${JSON.stringify(decidedApproval(approval, d), null, 2)}\n`);
  await appendJsonl(join(p.loopDir, 'decisions.jsonl'), [decisionRecord(approval, d)]);
  await fsp.appendFile(join(p.loopDir, 'decisions.md'), decisionMarkdown(approval, d));
  await appendJsonl(p.events, [decisionEvent(approval, d)]);
  return done(`Recorded approval decision (${decision}) for loop '${cmd.loopId}'.`);
};

/** Makes the superloop CLI's file changes directly (no superloop installation needed). */
export const builtinExecutor = (p: LoopPaths): IntentExecutor => ({
  program: 'superloop',
  run: (cmd, asOf) => (cmd.intent === 'cancel' ? cancel(p) : decide(p, cmd, asOf)),
});

/** Runs a superloop binary with the intent's arguments; `env` is the child's whole environment. */
export const binExecutor = (bin: string, env: NodeJS.ProcessEnv): IntentExecutor => ({
  program: bin,
  run: (cmd) =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const child = spawn(bin, superloopArgs(cmd), { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', (err) => resolve(done(`error: cannot run ${bin}: ${err.message}`, 127)));
      child.on('close', (code, signal) =>
        resolve(done(tail40(Buffer.concat(chunks).toString('utf8')), code ?? (signal === null ? 1 : 128))),
      );
    }),
});

/** The child environment: the caller's, minus the service token variables (never handed on). */
export const childEnv = (env: NodeJS.ProcessEnv, secretVars: readonly string[]): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const name of ['OPS_MANAGER_SERVICE_TOKEN', ...secretVars]) delete out[name];
  return out;
};
