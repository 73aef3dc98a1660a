// Seed 004 §8: the shipped routing table is valid, covers the eight incidents and every contract layer.
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { matchesAny } from './glob.js';
import { RoutingTable, routeOf, routingProblems, type RoutingTable as Table } from './routing.js';

const shipped = JSON.parse(
  readFileSync(new URL('../../config/harness-incident-routing.json', import.meta.url), 'utf8'),
);

describe('the shipped incident routing table', () => {
  const decoded = RoutingTable.decode(shipped);
  const table = (E.isRight(decoded) ? decoded.right : null) as Table;
  it('decodes and validates', () => {
    expect(table).not.toBeNull();
    expect(routingProblems(table)).toEqual([]);
  });
  it('holds the eight task-2703 incidents, each routed to the layer its seed section names', () => {
    expect(table.incidents.map((e) => [e.id, e.layers])).toEqual([
      ['task-2703#1', [2]],
      ['task-2703#2', [2]],
      ['task-2703#3', [3]],
      ['task-2703#4', [1, 3]],
      ['task-2703#5', [0]],
      ['task-2703#6', [5]],
      ['task-2703#7', [4]],
      ['task-2703#8', [6]],
    ]);
  });
  it('answers by id or by number', () => {
    expect(routeOf(table, '3')?.id).toBe('task-2703#3');
    expect(routeOf(table, 'task-2703#8')?.priority).toBe('P2');
    expect(routeOf(table, '9')).toBeUndefined();
  });
});

describe('routing validation', () => {
  const entry = {
    id: 'x#1',
    title: 't',
    seed_section: '§1',
    layers: [0, 1, 2, 3, 4, 5, 6],
    class: 'critical_7' as const,
    priority: 'P0' as const,
    fix: 'f',
  };
  it('rejects duplicate ids, layers out of range, empty layers and unrouted layers', () => {
    const bad: Table = {
      schema_version: 1,
      source: 's',
      incidents: [entry, { ...entry, layers: [9] }, { ...entry, id: 'x#2', layers: [] }],
    };
    expect(routingProblems(bad)).toEqual([
      '$.incidents[1].id: duplicate x#1',
      '$.incidents[1].layers: 9 is not a layer 0..7',
      '$.incidents[2].layers: names no layer',
    ]);
    expect(routingProblems({ ...bad, incidents: [{ ...entry, layers: [0] }] })).toHaveLength(6);
  });
});

describe('scope globs', () => {
  it.each([
    ['.claude/hooks/pre.sh', ['.claude/**'], true],
    ['settings.json', ['**/settings.json'], true],
    ['a/b/settings.json', ['**/settings.json'], true],
    ['memory/events/x.json', ['memory/events/'], true],
    ['memory/eventsX/x.json', ['memory/events/**'], false],
    ['src/a.ts', ['src/*.ts'], true],
    ['src/x/a.ts', ['src/*.ts'], false],
  ])('%s against %j is %s', (path, globs, expected) => {
    expect(matchesAny(path, globs)).toBe(expected);
  });
});
