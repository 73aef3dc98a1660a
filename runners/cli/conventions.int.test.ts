// One convention over the whole command table: every JSON printer takes --json, every --as-of has
// --now beside it, and a flag family has one spelling with its alias on every command that polls.
// The queue domain prints text and gains its own --json; until it does, it is the one exception.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { opsfoldIn } from './bin-kit.js';

const name = (c: (typeof commands)[number]): string => c.path.join(' ');
const has = (c: (typeof commands)[number], flag: string): boolean => c.flags[flag] !== undefined;
const printsJson = (c: (typeof commands)[number]): boolean =>
  c.prints === 'json' || c.prints === 'jsonl' || has(c, 'pretty');

describe('the command table', () => {
  it('gives --json to every command that prints a document', () => {
    const missing = commands.filter((c) => printsJson(c) && !has(c, 'json')).map(name);
    expect(missing).toEqual([]);
  });

  it('leaves without --json only the commands that print human text or nothing (and the queue, pending)', () => {
    const without = commands.filter((c) => !has(c, 'json'));
    const unexplained = without
      .filter((c) => c.path[0] !== 'queue' && c.prints !== 'text' && c.prints !== 'nothing')
      .map(name);
    expect(unexplained).toEqual([]);
    // Text printers that are documents in all but format are the ones to convert next: say which.
    expect(without.filter((c) => c.prints === 'text').map(name)).toEqual([
      'runbook summary',
      'runbook run',
      'runbook cleanrun',
      'runbook checkpoint',
      'runbook rollback',
      'runbook clean',
      'demo',
    ]);
  });

  it('takes --now wherever it takes --as-of, checked as a time the same way', () => {
    const missing = commands.filter((c) => has(c, 'as-of') && !has(c, 'now')).map(name);
    expect(missing).toEqual([]);
    for (const c of commands.filter((x) => has(x, 'as-of')))
      expect(c.flags['now']?.arg, name(c)).toBe(c.flags['as-of']?.arg);
  });

  it('spells the polling interval --poll-ms everywhere, with --poll-s beside it as its alias', () => {
    const polling = commands.filter((c) => has(c, 'poll-ms') || has(c, 'poll-s'));
    expect(polling.map(name)).toEqual(['harness collect', 'dashboard']);
    for (const c of polling) expect([has(c, 'poll-ms'), has(c, 'poll-s')], name(c)).toEqual([true, true]);
  });
});

const work = mkdtempSync(join(tmpdir(), 'opsfold-conv-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the conventions through the bin', () => {
  it('--now is --as-of, and --json is accepted by a command that prints JSON anyway', async () => {
    const T = '2026-01-01T00:00:00Z';
    const [now, asOf, json] = await Promise.all([
      opsfoldIn(work, 'cycle', 'history', '--root', '.', '--now', T),
      opsfoldIn(work, 'cycle', 'history', '--root', '.', '--as-of', T),
      opsfoldIn(work, 'loop', 'threshold-profile', '--json'),
    ]);
    expect(now.code).toBe(0);
    expect(now).toEqual(asOf);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveProperty('profile');
  });

  it('refuses a --now that is not RFC 3339 as a usage error, like --as-of', async () => {
    const r = await opsfoldIn(work, 'fleet', 'status', '--now', 'yesterday');
    expect(r).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'error: --now must be RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z or 2026-02-22T21:00:00+09:00: yesterday\n',
    });
  });
});
