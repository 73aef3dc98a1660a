// The superloop CLI's own file changes for an intent, over the loop's files as ports, so opsfold needs
// no superloop installation: cancel removes `.superloop/state.json`; approve/reject rewrite
// `approval.json` and append to `decisions.jsonl`, `decisions.md` and the loop's `events.jsonl`.
import { displayPath } from './artifact-ref.js';
import type { ExecResult, IntentExecutor } from './control-ports.js';
import { alt, text } from './event-fields.js';
import {
  decidedApproval,
  decisionEvent,
  decisionMarkdown,
  decisionRecord,
  type ApprovalDecision,
  type IntentCommand,
} from './intent-command.js';
import { readView } from './lenient.js';
import { ApprovalView } from './snapshot-views.js';

/** Where the intent acts. */
export interface IntentFiles {
  readonly repo: string;
  readonly state: string;
  readonly approval: string;
  readonly events: string;
  readonly decisionsJsonl: string;
  readonly decisionsMd: string;
}

export type Removed =
  | { readonly kind: 'removed' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly message: string };

export type JsonRead =
  | { readonly kind: 'found'; readonly value: unknown }
  | { readonly kind: 'missing' }
  /** The `error:` text for a file that is there but not readable as JSON. */
  | { readonly kind: 'problem'; readonly errorLine: string };

export interface IntentFilePorts {
  remove(file: string): Promise<Removed>;
  readJson(file: string): Promise<JsonRead>;
  /** Replaces `file` atomically with `text`. */
  writeText(file: string, text: string): Promise<void>;
  appendRecords(file: string, records: readonly unknown[]): Promise<void>;
  appendText(file: string, text: string): Promise<void>;
}

/** The last 40 lines of `text`, as `tail -n 40 | sed 's/\r$//'` leaves them. */
export const tail40 = (text: string): string =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .slice(-40)
    .map((l) => l.replace(/\r$/, ''))
    .join('\n');

export const execResult = (output: string, exitCode = 0): ExecResult => ({ exitCode, output });

const cancel = async (f: IntentFiles, ports: IntentFilePorts): Promise<ExecResult> => {
  const removed = await ports.remove(f.state);
  if (removed.kind === 'removed') return execResult('Cancelled loop state.');
  if (removed.kind === 'missing') return execResult('No active state file found.');
  return execResult(`error: cannot remove ${f.state}: ${removed.message}`, 1);
};

const decide = async (
  f: IntentFiles,
  ports: IntentFilePorts,
  cmd: IntentCommand,
  when: string,
): Promise<ExecResult> => {
  const doc = await ports.readJson(f.approval);
  if (doc.kind === 'problem') return execResult(`error: ${doc.errorLine}`, 1);
  if (doc.kind === 'missing')
    return execResult(`error: no approval request found for loop '${cmd.loopId}'`, 1);
  const approval = readView(ApprovalView, doc.value);
  const status = text(alt(approval.status, 'pending'));
  if (status !== 'pending') return execResult(`error: approval request is not pending (status=${status})`, 1);
  const decision = cmd.intent === 'reject' ? 'rejected' : 'approved';
  const d: ApprovalDecision = {
    decision,
    by: cmd.by,
    note: cmd.note,
    at: when,
    loopId: cmd.loopId,
    approvalFile: displayPath(f.repo, f.approval),
  };
  // Key order kept as jq keeps it: the runtime's own fields first, the decision fields after them.
  await ports.writeText(f.approval, `${JSON.stringify(decidedApproval(approval, d), null, 2)}\n`);
  await ports.appendRecords(f.decisionsJsonl, [decisionRecord(approval, d)]);
  await ports.appendText(f.decisionsMd, decisionMarkdown(approval, d));
  await ports.appendRecords(f.events, [decisionEvent(approval, d)]);
  return execResult(`Recorded approval decision (${decision}) for loop '${cmd.loopId}'.`);
};

/** Makes the superloop CLI's file changes directly through `ports`. */
export const builtinIntentExecutor = (f: IntentFiles, ports: IntentFilePorts): IntentExecutor => ({
  program: 'superloop',
  isSuperloopCli: false,
  run: (cmd, asOf) => (cmd.intent === 'cancel' ? cancel(f, ports) : decide(f, ports, cmd, asOf)),
});
