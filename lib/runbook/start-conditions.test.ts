// Given what a TOS root holds, when the S-6 start conditions are checked (seed 003 "S-6 運用開始条件":
// 1 S-5 closeout complete, 2 canonical context v1.0, 4 OPENAI_API_KEY / ANTHROPIC_API_KEY set,
// 5 a checkpoint before the run), then each is met or missing with its own reason.
import { describe, expect, it } from 'vitest';
import { readinessText, startReadiness, type StartFacts } from './start-conditions.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const ready: StartFacts = {
  closeout: bytes('# S-5 Closeout\n- [x] orchestrator works\n- [x] checkpoint/rollback work\n'),
  checklist: null,
  configRefusals: [],
  keysSet: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY'],
  checkpoint: bytes('0123abcd\n'),
  checkpointIsCommit: true,
};
const missing = (f: Partial<StartFacts>) =>
  startReadiness({ ...ready, ...f }).conditions.filter((c) => !c.met);

describe('every condition met', () => {
  it('is ready, each condition met, the person’s condition listed as not checked', () => {
    const r = startReadiness(ready);
    expect([r.ready, r.conditions.map((c) => c.id), r.unchecked.length]).toEqual([
      true,
      ['s5_closeout', 'canonical_context', 'api_keys', 'checkpoint'],
      1,
    ]);
  });
});

describe('one condition missing', () => {
  it('no closeout declaration: s5_closeout, naming the file', () => {
    expect(missing({ closeout: null })).toEqual([
      { id: 's5_closeout', met: false, reason: 'docs/s5_closeout.md not found (S-5 closeout not declared)' },
    ]);
  });
  it('an unchecked closeout item: s5_closeout, naming the count and the first item', () => {
    const closeout = bytes('- [x] a\n- [ ] job_loop works\n- [ ] b\n');
    expect(missing({ closeout })[0]?.reason).toBe(
      'docs/s5_closeout.md: 2 unchecked item(s), first: job_loop works',
    );
  });
  it('an unchecked item in the readiness checklist: s5_closeout, naming the checklist', () => {
    expect(missing({ checklist: bytes('* [ ] pushed to main\n') })[0]?.reason).toBe(
      'docs/s5_closeout_checklist.md: 1 unchecked item(s), first: pushed to main',
    );
  });
  it('an undocumented config key: canonical_context, naming the key', () => {
    const refusal = { key: 'turbo', why: 'not a documented config_v0_3.json key' };
    expect(missing({ configRefusals: [refusal] })[0]).toEqual({
      id: 'canonical_context',
      met: false,
      reason: 'config_v0_3.json: turbo (not a documented config_v0_3.json key)',
    });
  });
  it('one API key unset: api_keys, naming the variable, never a value', () => {
    expect(missing({ keysSet: ['OPENAI_API_KEY'] })[0]?.reason).toBe(
      'not set in the environment: ANTHROPIC_API_KEY',
    );
  });
  it.each([
    [{ checkpoint: null }, 'logs/last_checkpoint.txt not found or empty (run `runbook checkpoint` first)'],
    [
      { checkpointIsCommit: false },
      'logs/last_checkpoint.txt names 0123abcd, not a commit of this repository',
    ],
    [
      { checkpointIsCommit: null },
      'logs/last_checkpoint.txt names 0123abcd, but the root is not a git work tree',
    ],
  ])('no usable checkpoint (%o): checkpoint, with why', (f, reason) => {
    expect(missing(f)).toEqual([{ id: 'checkpoint', met: false, reason }]);
  });
});

describe('several conditions missing', () => {
  it('is not ready and the text lists each one with its reason', () => {
    const r = startReadiness({ ...ready, closeout: null, keysSet: [] });
    expect(readinessText(r)).toBe(
      [
        'not ready',
        '  missing s5_closeout: docs/s5_closeout.md not found (S-5 closeout not declared)',
        '  met canonical_context',
        '  missing api_keys: not set in the environment: OPENAI_API_KEY, ANTHROPIC_API_KEY',
        '  met checkpoint',
        "  not checked: the operator has understood this runbook's rules (a person's condition)",
        '',
      ].join('\n'),
    );
  });
});
