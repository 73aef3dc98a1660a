// Seed 004 §4: given the sha the bot received and the md it reads, when it decides, then the four fields
// and an enum reason say whether it may continue; the dispatch-entry and dispatch-final sha stay apart.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff.js';
import { shaDecisionOf, type ShaInput } from './sha-decision.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const original = '# task-2703\n- goal: activate the gate\n- scope: .claude/hooks/\n';
const patched = `${original}- dispatch_final_sha: pending\n- schedule_id: BE5161A0\n<!-- dispatched by dispatch.py -->\n`;
const tampered = original.replace('activate the gate', 'deactivate the gate');
const input = (actual: string, more: Partial<ShaInput> = {}): ShaInput => ({
  taskId: 'task-2703',
  expectedSha: sha(original),
  dispatchFinalSha: null,
  actualSha: sha(actual),
  actualText: actual,
  original: { text: original, sha: sha(original) },
  ...more,
});

describe('task md sha decision', () => {
  it('matching sha: continue, sha_match', () => {
    expect(shaDecisionOf(input(original))).toMatchObject({
      continue_allowed: true,
      reason: 'sha_match',
      content_verbatim_match: true,
    });
  });
  it('metadata lines added by dispatch: verbatim kept, patch detected, continue', () => {
    expect(shaDecisionOf(input(patched))).toMatchObject({
      content_verbatim_match: true,
      metadata_patch_detected: true,
      continue_allowed: true,
      reason: 'verbatim_match_metadata_patch_ok',
      removed_lines: 0,
      added_lines: 3,
    });
  });
  it('content changed: HOLD, verbatim_mismatch_block, with the offending lines', () => {
    const d = shaDecisionOf(input(tampered));
    expect(d).toMatchObject({
      content_verbatim_match: false,
      continue_allowed: false,
      reason: 'verbatim_mismatch_block',
    });
    expect(d.non_metadata_added).toEqual(['- goal: deactivate the gate']);
  });
  it('an added line that is not metadata blocks too', () => {
    expect(shaDecisionOf(input(`${original}- also: delete the audit log\n`)).reason).toBe(
      'verbatim_mismatch_block',
    );
  });
  it('md equals the dispatch-final sha: the entry sha was outdated, resync and continue', () => {
    const d = shaDecisionOf(input(patched, { dispatchFinalSha: sha(patched) }));
    expect(d).toMatchObject({
      reason: 'expected_sha_outdated_resync',
      continue_allowed: true,
      metadata_patch_detected: true,
    });
    expect(d.expected_sha).not.toBe(d.dispatch_final_sha);
  });
  it('a dispatch-final sha does not excuse content changes', () => {
    expect(shaDecisionOf(input(tampered, { dispatchFinalSha: sha(tampered) })).continue_allowed).toBe(false);
  });
  it('no original to diff against: block', () => {
    expect(shaDecisionOf(input(patched, { original: null }))).toMatchObject({
      reason: 'original_unavailable_block',
      continue_allowed: false,
    });
  });
  it('an original that is not the expected md: block', () => {
    const d = shaDecisionOf(input(patched, { original: { text: tampered, sha: sha(tampered) } }));
    expect(d.reason).toBe('original_sha_mismatch_block');
  });
  it('CRLF line ends alone are verbatim', () => {
    expect(shaDecisionOf(input(original.replaceAll('\n', '\r\n'))).content_verbatim_match).toBe(true);
  });
});

describe('line diff', () => {
  it('reports removed and added lines around a common subsequence', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual({ removed: ['b'], added: ['x', 'd'] });
  });
});
