// The superloop CLI call an intent stands for (`superloop cancel --repo R`, `superloop approve --repo R
// --loop L --by B [--note N] [--reject]`), and the file changes `superloop approve` makes, so opsfold
// can act exactly as the CLI does without it installed. Pure: the runner reads and writes the files.
import { alt, text } from './event-fields.js';
import type { ApprovalView } from './snapshot-views.js';
import type { ControlIntent } from './control-outcome.js';

export interface IntentCommand {
  readonly intent: ControlIntent;
  readonly repo: string;
  readonly loopId: string;
  readonly by: string;
  readonly note: string;
}

/** Pure: the superloop CLI arguments (after the program name) for an intent. */
export const superloopArgs = (c: IntentCommand): string[] => {
  if (c.intent === 'cancel') return ['cancel', '--repo', c.repo];
  const args = ['approve', '--repo', c.repo, '--loop', c.loopId, '--by', c.by];
  if (c.intent === 'reject') args.push('--reject');
  if (c.note !== '') args.push('--note', c.note);
  return args;
};

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Pure: one word quoted for a POSIX shell (the reference prints its command with `printf %q`). */
export const shellQuote = (word: string): string =>
  word !== '' && SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

/** Pure: the command line as the intent entry's `command` shows it. */
export const commandLine = (program: string, args: readonly string[]): string =>
  [program, ...args].map(shellQuote).join(' ');

export interface ApprovalDecision {
  readonly decision: 'approved' | 'rejected';
  readonly by: string;
  readonly note: string;
  readonly at: string;
  readonly loopId: string;
  /** The approval file as the repo-relative path superloop records. */
  readonly approvalFile: string;
}

const noteOrNull = (note: string): string | null => (note.length > 0 ? note : null);

/** Pure: the approval document after the decision (superloop's jq update). */
export const decidedApproval = (approval: ApprovalView, d: ApprovalDecision): Record<string, unknown> => ({
  ...(approval.doc as Record<string, unknown>),
  status: d.decision,
  decision: { status: d.decision, by: d.by, note: noteOrNull(d.note), at: d.at },
  decided_at: d.at,
  decided_by: d.by,
  decided_note: noteOrNull(d.note),
});

const runOf = (approval: ApprovalView) => {
  const runId = text(alt(approval.runId, ''));
  const iteration = alt(approval.iteration, 0);
  return {
    runId: runId === '' || runId === 'null' ? 'unknown' : runId,
    iteration: typeof iteration === 'number' && Number.isFinite(iteration) ? iteration : 0,
  };
};

/** Pure: the `decisions.jsonl` record superloop appends. */
export const decisionRecord = (approval: ApprovalView, d: ApprovalDecision): Record<string, unknown> => {
  const run = runOf(approval);
  const rec: Record<string, unknown> = {
    timestamp: d.at,
    loop_id: d.loopId,
    run_id: run.runId,
    iteration: run.iteration,
    decision: d.decision,
    by: d.by,
  };
  if (d.note !== '') rec['note'] = d.note;
  rec['approval_file'] = d.approvalFile;
  return rec;
};

/** Pure: the `decisions.md` block superloop appends. */
export const decisionMarkdown = (approval: ApprovalView, d: ApprovalDecision): string => {
  const run = runOf(approval);
  return [
    `## ${d.at} ${d.decision}`,
    '',
    `- Loop: ${d.loopId}`,
    `- Run: ${run.runId}`,
    `- Iteration: ${run.iteration}`,
    `- Decision: ${d.decision}`,
    `- By: ${d.by}`,
    ...(d.note === '' ? [] : [`- Note: ${d.note}`]),
    `- Approval file: ${d.approvalFile}`,
    '',
    '',
  ].join('\n');
};

/** Pure: the `approval_decision` event superloop appends to the loop's events.jsonl. */
export const decisionEvent = (approval: ApprovalView, d: ApprovalDecision): Record<string, unknown> => {
  const run = runOf(approval);
  return {
    timestamp: d.at,
    event: 'approval_decision',
    loop_id: d.loopId,
    run_id: run.runId,
    iteration: run.iteration,
    role: 'human',
    status: d.decision,
    data: { status: d.decision, by: d.by, note: noteOrNull(d.note), at: d.at },
  };
};
