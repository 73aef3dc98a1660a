import { describe, expect, it } from 'vitest';
import { readView } from './lenient.js';
import { ApprovalView } from './snapshot-views.js';
import {
  commandLine,
  decidedApproval,
  decisionMarkdown,
  shellQuote,
  superloopArgs,
} from './intent-command.js';

const cmd = { repo: '/r', loopId: 'demo', by: 'mara', note: '' };

describe('superloopArgs', () => {
  it('cancels the repo (superloop cancel takes no loop)', () => {
    expect(superloopArgs({ ...cmd, intent: 'cancel', note: 'ignored' })).toEqual(['cancel', '--repo', '/r']);
  });
  it('approves with the actor and, when given, the note', () => {
    expect(superloopArgs({ ...cmd, intent: 'approve', note: 'ok' })).toEqual([
      'approve',
      '--repo',
      '/r',
      '--loop',
      'demo',
      '--by',
      'mara',
      '--note',
      'ok',
    ]);
  });
  it('rejects through approve --reject, before the note as the reference orders it', () => {
    expect(superloopArgs({ ...cmd, intent: 'reject', note: 'no' }).slice(7)).toEqual([
      '--reject',
      '--note',
      'no',
    ]);
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(['a/b-c.d', '', 'two words', "it's"].map(shellQuote)).toEqual([
      'a/b-c.d',
      "''",
      "'two words'",
      "'it'\\''s'",
    ]);
  });
  it('quotes each word of a command line', () => {
    expect(commandLine('/opt/super loop', ['cancel', '--repo', '/r'])).toBe(
      "'/opt/super loop' cancel --repo /r",
    );
  });
});

/** The approval file as the executor decodes it. */
const approval = (doc: unknown) => readView(ApprovalView, doc);

describe('decidedApproval', () => {
  it('keeps the request and adds the decision, with a null note when none was given', () => {
    const d = {
      decision: 'approved' as const,
      by: 'mara',
      note: '',
      at: 'T',
      loopId: 'demo',
      approvalFile: 'f',
    };
    expect(decidedApproval(approval({ status: 'pending', run_id: 'r' }), d)).toEqual({
      status: 'approved',
      run_id: 'r',
      decision: { status: 'approved', by: 'mara', note: null, at: 'T' },
      decided_at: 'T',
      decided_by: 'mara',
      decided_note: null,
    });
    expect(decisionMarkdown(approval({ run_id: 'r', iteration: 2 }), d)).toBe(
      '## T approved\n\n- Loop: demo\n- Run: r\n- Iteration: 2\n- Decision: approved\n- By: mara\n- Approval file: f\n\n',
    );
  });
});
