// Layer 0: what a bot may do when the task md it reads does not have the sha it was given (seed 004
// §4.2–4.3). The dispatch-entry sha and the dispatch-final sha are kept apart. Law: continue_allowed is
// true only when the sha matches, when the md equals the dispatch-final sha (the expected sha was merely
// outdated), or when a diff against the original shows every original line kept and only metadata lines
// added; every other case blocks, with a reason from a closed enum (never prose).
import { diffLines, linesOf } from './line-diff.js';

export const shaDecisionReasons = [
  'sha_match',
  'verbatim_match_metadata_patch_ok',
  'verbatim_mismatch_block',
  'expected_sha_outdated_resync',
  'original_unavailable_block',
  'original_sha_mismatch_block',
] as const;
export type ShaDecisionReason = (typeof shaDecisionReasons)[number];

/** Lines dispatch tooling adds: `key: value` metadata of dispatch fields, HTML comments, fences, blanks. */
export const METADATA_LINE =
  /^\s*(?:[-*]\s*)?(?:\*\*)?(?:dispatch|dispatched|schedule|bot|fire|expected|task_md|prompt|executor|chair)[A-Za-z_ -]*(?:\*\*)?\s*[:=]|^\s*<!--.*-->\s*$|^\s*---\s*$|^\s*$/i;

export interface ShaInput {
  readonly taskId: string;
  /** The sha the bot was given at dispatch entry (task_md_sha_before). */
  readonly expectedSha: string;
  /** The sha dispatch recomputed after writing its metadata, when it sent one. */
  readonly dispatchFinalSha: string | null;
  readonly actualSha: string;
  readonly actualText: string;
  /** The md as it was at dispatch entry, when available, with its sha. */
  readonly original: { readonly text: string; readonly sha: string } | null;
}

export interface ShaDecision {
  readonly task_id: string;
  readonly expected_sha: string;
  readonly dispatch_final_sha: string | null;
  readonly actual_sha: string;
  readonly original_sha: string | null;
  readonly content_verbatim_match: boolean;
  readonly metadata_patch_detected: boolean;
  readonly continue_allowed: boolean;
  readonly reason: ShaDecisionReason;
  readonly removed_lines: number;
  readonly added_lines: number;
  readonly non_metadata_added: readonly string[];
}

const verdict = (
  i: ShaInput,
  flags: readonly [boolean, boolean],
  reason: ShaDecisionReason,
  counts = [0, 0],
) => ({
  task_id: i.taskId,
  expected_sha: i.expectedSha,
  dispatch_final_sha: i.dispatchFinalSha,
  actual_sha: i.actualSha,
  original_sha: i.original?.sha ?? null,
  content_verbatim_match: flags[0],
  metadata_patch_detected: flags[1],
  continue_allowed: reason === 'sha_match' || reason.endsWith('_ok') || reason.endsWith('_resync'),
  reason,
  removed_lines: counts[0] ?? 0,
  added_lines: counts[1] ?? 0,
  non_metadata_added: [] as string[],
});

const diffOf = (i: ShaInput, original: { readonly text: string }) => {
  const d = diffLines(linesOf(original.text), linesOf(i.actualText));
  const nonMeta = d.added.filter((l) => !METADATA_LINE.test(l));
  return {
    verbatim: d.removed.length === 0 && nonMeta.length === 0,
    meta: d.added.length > 0 && nonMeta.length === 0,
    counts: [d.removed.length, d.added.length],
    nonMeta,
  };
};

/** Pure: the decision marker's content. */
export const shaDecisionOf = (i: ShaInput): ShaDecision => {
  if (i.actualSha === i.expectedSha) return verdict(i, [true, false], 'sha_match');
  const resync = i.dispatchFinalSha !== null && i.actualSha === i.dispatchFinalSha;
  if (i.original === null)
    return resync
      ? verdict(i, [true, true], 'expected_sha_outdated_resync')
      : verdict(i, [false, false], 'original_unavailable_block');
  if (i.original.sha !== i.expectedSha) return verdict(i, [false, false], 'original_sha_mismatch_block');
  const d = diffOf(i, i.original);
  if (!d.verbatim)
    return {
      ...verdict(i, [false, d.meta], 'verbatim_mismatch_block', d.counts),
      non_metadata_added: d.nonMeta.slice(0, 20),
    };
  const reason: ShaDecisionReason = resync
    ? 'expected_sha_outdated_resync'
    : 'verbatim_match_metadata_patch_ok';
  return verdict(i, [true, d.meta], reason, d.counts);
};
