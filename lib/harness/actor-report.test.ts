// Seed 004 §7.3: the overall level is the weakest, and the claims are worded for that level.
import { describe, expect, it } from 'vitest';
import { actorReport } from './actor-report.js';

const q = { range: 'main..HEAD', task: 'task-1', claimed: 'vulcan', hookInstalled: false };

describe('the actor report', () => {
  it('given one prefixed commit and one plain commit, then the level is L1 and the claim is the claimed actor', () => {
    const r = actorReport(
      q,
      [
        { sha: 'a'.repeat(40), author: 'x', message: '[task-1] [hermes] fix' },
        { sha: 'b'.repeat(40), author: 'x', message: 'plain' },
      ],
      [],
    );
    expect([r.level, r.level_name, r.actors]).toEqual(['L1', 'SELF_ATTESTATION', ['hermes', 'vulcan']]);
    expect(r.claims).toEqual(['주장된 actor: vulcan (★ self-attestation only · verifiable 0)']);
  });

  it('given no commits, then the level is L1 and the claimed actor is worded once', () => {
    const r = actorReport(q, [], []);
    expect([r.level, r.commits, r.claims.length]).toEqual(['L1', [], 1]);
  });
});
