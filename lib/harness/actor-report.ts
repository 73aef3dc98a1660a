// The report of `harness actor` (seed 004 §7.3): each commit's level, the weakest level overall, the
// actors named, and the claim wording that level allows for each actor at it.
import type { ActorAuditLine } from './input-codecs.js';
import { ACTOR_LEVELS, claimOf, commitActorOf, weakestLevel, type CommitMessage } from './actor.js';
import type { ActorReport } from './output-codecs.js';

export interface ActorQuery {
  readonly range: string;
  readonly task: string | null;
  readonly claimed: string | null;
  readonly hookInstalled: boolean;
}

/** Pure: the report of the range's commits against the audit lines. */
export const actorReport = (
  q: ActorQuery,
  messages: readonly CommitMessage[],
  audit: readonly ActorAuditLine[],
): ActorReport => {
  const commits = messages.map((c) => commitActorOf(c, audit, q.task, q.claimed));
  const level = weakestLevel(commits.map((c) => c.level));
  const actors = [
    ...new Set(commits.map((c) => c.actor ?? q.claimed).filter((a): a is string => a !== null)),
  ].sort();
  const claimActors = [...new Set(commits.filter((c) => c.level === level).map((c) => c.actor ?? q.claimed))];
  return {
    range: q.range,
    task_id: q.task,
    level,
    level_name: ACTOR_LEVELS[level],
    actors,
    claims: (claimActors.length === 0 ? [q.claimed] : claimActors).map((a) => claimOf(level, a)),
    commit_msg_hook_installed: q.hookInstalled,
    commits,
  };
};
