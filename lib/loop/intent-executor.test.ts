// The built-in executor over memory files: cancel removes the state file (or says there was none),
// approve/reject act only on a pending approval and record the decision in four places.
import { describe, expect, it } from 'vitest';
import type { IntentCommand } from './intent-command.js';
import { builtinIntentExecutor, tail40, type IntentFilePorts, type JsonRead } from './intent-executor.js';

const files = {
  repo: '/r',
  state: '/r/.superloop/state.json',
  approval: '/r/.superloop/loops/L/approval.json',
  events: '/r/.superloop/loops/L/events.jsonl',
  decisionsJsonl: '/r/.superloop/loops/L/decisions.jsonl',
  decisionsMd: '/r/.superloop/loops/L/decisions.md',
};

const memory = (approval: JsonRead, removeAnswer: 'removed' | 'missing' | 'failed' = 'removed') => {
  const log: string[] = [];
  const ports: IntentFilePorts = {
    remove: async (f) =>
      removeAnswer === 'failed'
        ? { kind: 'failed', message: 'EACCES' }
        : (log.push(`remove ${f}`), { kind: removeAnswer }),
    readJson: async () => approval,
    writeText: async (f, text) => void log.push(`write ${f} ${JSON.parse(text).status}`),
    appendRecords: async (f, records) => void log.push(`append ${f} ${records.length}`),
    appendText: async (f) => void log.push(`text ${f}`),
  };
  return { ports, log };
};

const cmd = (intent: IntentCommand['intent']): IntentCommand => ({
  intent,
  repo: '/r',
  loopId: 'L',
  by: 'ops',
  note: '',
});
const asOf = '2026-01-01T00:00:00Z';

describe('given a cancel', () => {
  it('removes the state file', async () => {
    const m = memory({ kind: 'missing' });
    expect(await builtinIntentExecutor(files, m.ports).run(cmd('cancel'), asOf)).toEqual({
      exitCode: 0,
      output: 'Cancelled loop state.',
    });
    expect(m.log).toEqual([`remove ${files.state}`]);
  });
  it('says so when there is no state, and fails when it cannot remove it', async () => {
    const none = builtinIntentExecutor(files, memory({ kind: 'missing' }, 'missing').ports);
    expect((await none.run(cmd('cancel'), asOf)).output).toBe('No active state file found.');
    const failed = builtinIntentExecutor(files, memory({ kind: 'missing' }, 'failed').ports);
    expect(await failed.run(cmd('cancel'), asOf)).toEqual({
      exitCode: 1,
      output: `error: cannot remove ${files.state}: EACCES`,
    });
  });
});

describe('given an approval decision', () => {
  it('records an approval of a pending request in the approval, both decision logs and the events', async () => {
    const m = memory({ kind: 'found', value: { status: 'pending' } });
    const r = await builtinIntentExecutor(files, m.ports).run(cmd('approve'), asOf);
    expect(r).toEqual({ exitCode: 0, output: "Recorded approval decision (approved) for loop 'L'." });
    expect(m.log).toEqual([
      `write ${files.approval} approved`,
      `append ${files.decisionsJsonl} 1`,
      `text ${files.decisionsMd}`,
      `append ${files.events} 1`,
    ]);
  });
  it('refuses a request that is not pending, a missing one and an unreadable one, writing nothing', async () => {
    const decided = memory({ kind: 'found', value: { status: 'approved' } });
    expect((await builtinIntentExecutor(files, decided.ports).run(cmd('reject'), asOf)).output).toBe(
      'error: approval request is not pending (status=approved)',
    );
    const missing = memory({ kind: 'missing' });
    expect((await builtinIntentExecutor(files, missing.ports).run(cmd('reject'), asOf)).output).toBe(
      "error: no approval request found for loop 'L'",
    );
    const bad = memory({ kind: 'problem', errorLine: 'invalid JSON: a' });
    expect(await builtinIntentExecutor(files, bad.ports).run(cmd('reject'), asOf)).toEqual({
      exitCode: 1,
      output: 'error: invalid JSON: a',
    });
    expect([...decided.log, ...missing.log, ...bad.log]).toEqual([]);
  });
});

describe('tail40', () => {
  it('keeps the last 40 lines without carriage returns or the final newline', () => {
    const text = `${Array.from({ length: 45 }, (_, i) => `l${i}\r`).join('\n')}\n`;
    expect(tail40(text).split('\n')).toEqual(Array.from({ length: 40 }, (_, i) => `l${i + 5}`));
  });
});
