// Layer 6: how strongly a commit's actor is evidenced (seed 004 §7.2–7.3). L3 when a runtime audit line
// (PreToolUse hook, Task tool dispatch) names the executor for the commit, or for a task the commit's own
// prefix or trailer ties it to; L2 for a
// `[task-N] [actor]` subject prefix or a `Sub-Agent:` trailer; otherwise L1 self-attestation. Law: the
// overall level is the weakest over the commits, and each level allows only its own claim wording.
import type * as t from 'io-ts';
import type { ActorAuditLine } from './input-codecs.js';
import type { CommitActorRow } from './output-codecs.js';

export const ACTOR_LEVELS = {
  L1: 'SELF_ATTESTATION',
  L2: 'AUDIT_LOG_OR_COMMIT_TRAILER',
  L3: 'RUNTIME_HOOK_EVIDENCE',
} as const;
export type ActorLevel = keyof typeof ACTOR_LEVELS;

export interface CommitMessage {
  readonly sha: string;
  readonly author: string;
  readonly message: string;
}

export type CommitActor = t.TypeOf<typeof CommitActorRow>;

const PREFIX = /^\[(task-[0-9A-Za-z_-]+)\]\s*\[([^\]\s]+)\]/;
const SUB_AGENT = /^Sub-Agent:\s*(\S+)\s*$/im;

/** Pure: the `[task-N] [actor]` prefix of a message, if any. */
export const prefixOf = (message: string): { task: string; actor: string } | null => {
  const m = PREFIX.exec(message.trimStart());
  return m === null ? null : { task: m[1]!, actor: m[2]! };
};

/** What a commit says about itself: the task of its `[task-N]` prefix, the actor of its prefix or trailer. */
interface SelfClaim {
  readonly task: string | null;
  readonly actor: string | null;
}

// A line naming the commit matches that commit. A line without a commit only says the executor worked on
// a task, so it lifts a commit only when the commit's own words tie it to that line: its prefix names the
// task, or (in the range's task) its prefix or trailer names the line's executor. Never by the range's
// `--task` alone: that would lift every commit in the range, another author's included.
const auditFor = (lines: readonly ActorAuditLine[], sha: string, self: SelfClaim, task: string | null) =>
  lines.find((l) => l.commit !== undefined && l.commit.length >= 7 && sha.startsWith(l.commit)) ??
  lines.find(
    (l) =>
      l.commit === undefined &&
      l.task_id !== undefined &&
      (l.task_id === self.task || (l.task_id === task && l.executor === self.actor)),
  );

const selfClaimOf = (message: string): SelfClaim & { readonly trailer: string | null } => {
  const prefix = prefixOf(message);
  const trailer = SUB_AGENT.exec(message)?.[1] ?? null;
  return { task: prefix?.task ?? null, actor: prefix?.actor ?? trailer, trailer };
};

/** Pure: the evidence level and actor of one commit. */
export const commitActorOf = (
  c: CommitMessage,
  audit: readonly ActorAuditLine[],
  task: string | null,
  claimed: string | null,
): CommitActor => {
  const self = selfClaimOf(c.message);
  const taskId = self.task ?? task;
  const base = { sha: c.sha, subject: c.message.split('\n')[0] ?? '', author: c.author, task_id: taskId };
  const hit = auditFor(audit, c.sha, self, taskId);
  if (hit !== undefined) return { ...base, level: 'L3', evidence: 'runtime_audit_log', actor: hit.executor };
  if (self.task !== null) return { ...base, level: 'L2', evidence: 'commit_prefix', actor: self.actor };
  if (self.trailer !== null)
    return { ...base, level: 'L2', evidence: 'sub_agent_trailer', actor: self.trailer };
  return { ...base, level: 'L1', evidence: 'self_attestation', actor: claimed };
};

/** Pure: the claim a report may make at that level (seed §7.3, verbatim). */
export const claimOf = (level: ActorLevel, actor: string | null): string => {
  const who = actor ?? 'unknown';
  if (level === 'L3') return `runtime hook 기록 기준: ${who} (★ tool-call gate 가 actor 자동 식별)`;
  if (level === 'L2') return `commit author trailer 기준: ${who} (★ pre-commit hook 강제)`;
  return `주장된 actor: ${who} (★ self-attestation only · verifiable 0)`;
};

/** Pure: the weakest level among the commits (L1 when there are none). */
export const weakestLevel = (levels: readonly ActorLevel[]): ActorLevel =>
  levels.length === 0 ? 'L1' : (['L1', 'L2', 'L3'] as const).find((l) => levels.includes(l))!;
