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
    // The demo prints a tour for a reader (a table, then sections), not a document a script would parse.
    expect(without.filter((c) => c.prints === 'text').map(name)).toEqual(['demo']);
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

  it('spells each flag family one way across commands; other spellings are aliases of it', () => {
    // A family is a flag's name without its unit: --timeout-s and --timeout-seconds are one family.
    const family = (flag: string): string => flag.replace(/-(s|ms|sec|secs|seconds|min|minutes|hours)$/, '');
    const spellings = new Map<string, Set<string>>();
    for (const c of commands)
      for (const [flag, f] of Object.entries(c.flags)) {
        if (f.alias !== undefined) {
          expect(has(c, f.alias.of), `${name(c)} --${flag} is an alias of a flag it has`).toBe(true);
          continue;
        }
        const key = family(flag);
        spellings.set(key, new Set([...(spellings.get(key) ?? []), flag]));
      }
    const split = [...spellings].filter(([, s]) => s.size > 1).map(([k, s]) => [k, [...s].sort()]);
    expect(split).toEqual([]);
  });

  it('keeps the old timeout spellings as aliases of --…-timeout-seconds', () => {
    const aliases = commands.flatMap((c) =>
      Object.entries(c.flags)
        .filter(([, f]) => f.alias !== undefined && f.alias.of !== 'as-of')
        .map(([flag, f]) => `${name(c)} --${flag} = --${f.alias?.of ?? ''}`),
    );
    expect(aliases).toEqual([
      'harness dispatch --timeout-s = --timeout-seconds',
      'harness collect --poll-s = --poll-ms',
      'cycle run --worker-timeout = --worker-timeout-seconds',
      'dashboard --poll-s = --poll-ms',
    ]);
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

  it('takes a timeout by its alias, and names the spelling typed when its value is bad', async () => {
    const [alias, canonical] = await Promise.all([
      opsfoldIn(work, 'cycle', 'run', '--root', '.', '--worker-timeout', '0'),
      opsfoldIn(work, 'cycle', 'run', '--root', '.', '--worker-timeout-seconds', 'x'),
    ]);
    expect([alias.code, alias.stderr]).toEqual([
      64,
      'error: --worker-timeout must be a number of seconds >= 0.001: 0\n',
    ]);
    expect([canonical.code, canonical.stderr]).toEqual([
      64,
      'error: --worker-timeout-seconds must be a number of seconds >= 0.001: x\n',
    ]);
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
