// Layer 0 on real files: the decision marker is written with the four fields; exit 2 on HOLD.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

let dir = '';
const run = (...argv: string[]) => runCaptured(commands, argv, { cwd: dir, env: {}, now: () => 0 });
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const original = '# task-2703\n- goal: activate the runtime gate\n';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-sha-'));
  writeFileSync(join(dir, 'original.md'), original);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const decide = (md: string, ...extra: string[]) => {
  writeFileSync(join(dir, 'task.md'), md);
  return run(
    'harness',
    'sha-decision',
    '--task',
    'task-2703',
    '--task-md',
    'task.md',
    '--expected-sha',
    sha(original),
    '--root',
    dir,
    ...extra,
  );
};
const marker = () =>
  JSON.parse(readFileSync(join(dir, 'memory', 'events', 'task-2703.task-md-sha-decision.json'), 'utf8'));

describe('harness sha-decision', () => {
  it('a metadata patch by dispatch: continue (exit 0), the four fields recorded', async () => {
    const r = await decide(
      `${original}- dispatch_final_sha: x\n`,
      '--original',
      'original.md',
      '--as-of',
      '2026-05-28T04:23:00Z',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(marker()).toMatchObject({
      content_verbatim_match: true,
      metadata_patch_detected: true,
      continue_allowed: true,
      reason: 'verbatim_match_metadata_patch_ok',
      decided_at: '2026-05-28T13:23:00+09:00',
      expected_sha: sha(original),
      dispatch_final_sha: null,
    });
  });
  it('a content change: HOLD, exit 2, the marker still written', async () => {
    const r = await decide(original.replace('activate', 'disable'), '--original', 'original.md');
    expect(r.code).toBe(2);
    expect(marker()).toMatchObject({ continue_allowed: false, reason: 'verbatim_mismatch_block' });
  });
  it('md matching the dispatch-final sha: expected_sha_outdated_resync, the two shas kept apart', async () => {
    const patched = `${original}- schedule_id: BE5161A0\n`;
    const r = await decide(patched, '--dispatch-final-sha', sha(patched));
    expect(r.code).toBe(0);
    expect(marker()).toMatchObject({
      reason: 'expected_sha_outdated_resync',
      expected_sha: sha(original),
      dispatch_final_sha: sha(patched),
    });
  });
  it('a mismatch with no original to diff: HOLD', async () => {
    expect((await decide('something else\n')).code).toBe(2);
    expect(marker().reason).toBe('original_unavailable_block');
  });
  it('a malformed sha is a usage error', async () => {
    const r = await run(
      'harness',
      'sha-decision',
      '--task',
      'task-2703',
      '--task-md',
      'original.md',
      '--expected-sha',
      'xyz',
    );
    expect(r.code).toBe(64);
  });
});
