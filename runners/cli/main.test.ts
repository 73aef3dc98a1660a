import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { hoistSubcommand } from './main.js';

const cmd = (path: string[], flags: Command['flags']): Command => ({
  path,
  summary: '',
  usage: '',
  flags,
  exits: {},
  run: () => Promise.resolve(0),
});

const table = [
  cmd(['queue', 'status'], { db: { type: 'string', help: '' }, queue: { type: 'string', help: '' } }),
  cmd(['queue', 'cancel'], { db: { type: 'string', help: '' }, id: { type: 'string', help: '' } }),
  cmd(['loop', 'status'], { pretty: { type: 'boolean', help: '' } }),
];

describe('hoistSubcommand', () => {
  it('moves domain-wide flags written before the subcommand behind it', () => {
    expect(hoistSubcommand(table, ['queue', '--db', 'q.db', 'status'])).toEqual([
      'queue',
      'status',
      '--db',
      'q.db',
    ]);
    expect(hoistSubcommand(table, ['queue', '--db=q.db', 'cancel', '--id', 'T1'])).toEqual([
      'queue',
      'cancel',
      '--db=q.db',
      '--id',
      'T1',
    ]);
  });

  it('treats a flag value that happens to name a subcommand as a value', () => {
    expect(hoistSubcommand(table, ['queue', '--queue', 'status', 'status'])).toEqual([
      'queue',
      'status',
      '--queue',
      'status',
    ]);
  });

  it('leaves argv alone when it already names a command or the flags are not the subcommand’s', () => {
    expect(hoistSubcommand(table, ['queue', 'status', '--db', 'x'])).toEqual([
      'queue',
      'status',
      '--db',
      'x',
    ]);
    expect(hoistSubcommand(table, ['queue', '--nope', 'status'])).toEqual(['queue', '--nope', 'status']);
    expect(hoistSubcommand(table, ['loop', '--pretty', 'status'])).toEqual(['loop', 'status', '--pretty']);
  });
});
