// The facts a finish profile is judged on: the evidence file, what git says about base..HEAD and the
// working tree, and the marker/envelope files the evidence names (read by the runner). Pure data.
import type { CheckResult, FinishEvidence, TaskMode } from './finish-codecs.js';

export interface GitCommit {
  readonly sha: string;
  readonly author: string;
  readonly email: string;
  readonly message: string;
  readonly files: readonly string[];
}

export interface GitFacts {
  /** `git diff --name-only base..HEAD` */
  readonly diffFiles: readonly string[];
  /** Commits of base..HEAD with the files each touched. */
  readonly commits: readonly GitCommit[];
  /** Uncommitted changes (`git status --porcelain`). */
  readonly dirtyFiles: readonly string[];
}

export interface MarkerDoc {
  readonly path: string;
  readonly valid: boolean;
  readonly chairAuthorizationId: string | null;
}

export interface FinishInput {
  readonly taskId: string;
  readonly mode: TaskMode;
  readonly evidence: FinishEvidence;
  readonly git: GitFacts | null;
  readonly markerDocs: readonly MarkerDoc[];
  /** sha256 of evidence.callback.envelope_file as read, when one is named. */
  readonly envelopeFileSha: string | null;
}

export interface Check {
  readonly result: CheckResult;
  readonly reasons: readonly string[];
}

export const check = (result: CheckResult, ...reasons: string[]): Check => ({ result, reasons });

/** Pure: the worst of the results, in the order FAIL > WARN > PASS; reasons are concatenated. */
export const worst = (checks: readonly Check[]): Check => {
  const order: CheckResult[] = ['FAIL', 'EXTERNAL_DIRTY_BLOCKER', 'WARN', 'PASS', 'NOT_APPLICABLE'];
  const result = order.find((r) => checks.some((c) => c.result === r)) ?? 'NOT_APPLICABLE';
  return { result, reasons: checks.flatMap((c) => c.reasons) };
};

/** Pure: `[task-N]` at the start of a commit message or a `Task: task-N` trailer names the task. */
export const taskOfCommit = (message: string): string | null => {
  const prefix = /^\[(task-[0-9A-Za-z_-]+)\]/.exec(message.trimStart());
  if (prefix !== null) return prefix[1]!;
  const trailer = /^Task:\s*(\S+)\s*$/m.exec(message);
  return trailer === null ? null : trailer[1]!;
};

/** Pure: the evidence with the files of an external-dirty blocker added to its external dirt. */
export const withExternalDirt = (
  evidence: FinishEvidence,
  files: readonly string[] | undefined,
): FinishEvidence =>
  files === undefined
    ? evidence
    : { ...evidence, external_dirty: [...(evidence.external_dirty ?? []), ...files] };
