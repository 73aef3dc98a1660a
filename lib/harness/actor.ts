// Layer 6: how strongly a commit's actor is evidenced (seed 004 §7.2–7.3). L3 when a runtime audit line
// (PreToolUse hook, Task tool dispatch) names the executor for the commit or the task; L2 for a
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

const auditFor = (lines: readonly ActorAuditLine[], sha: string, task: string | null) =>
  lines.find((l) => l.commit !== undefined && l.commit.length >= 7 && sha.startsWith(l.commit)) ??
  (task === null ? undefined : lines.find((l) => l.task_id === task && l.commit === undefined));

/** Pure: the evidence level and actor of one commit. */
export const commitActorOf = (
  c: CommitMessage,
  audit: readonly ActorAuditLine[],
  task: string | null,
  claimed: string | null,
): CommitActor => {
  const prefix = prefixOf(c.message);
  const taskId = prefix?.task ?? task;
  const base = { sha: c.sha, subject: c.message.split('\n')[0] ?? '', author: c.author, task_id: taskId };
  const hit = auditFor(audit, c.sha, taskId);
  if (hit !== undefined) return { ...base, level: 'L3', evidence: 'runtime_audit_log', actor: hit.executor };
  if (prefix !== null) return { ...base, level: 'L2', evidence: 'commit_prefix', actor: prefix.actor };
  const trailer = SUB_AGENT.exec(c.message);
  if (trailer !== null) return { ...base, level: 'L2', evidence: 'sub_agent_trailer', actor: trailer[1]! };
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
