import { describe, expect, it } from 'vitest';
import type { Command } from './command.js';
import { ConfinementError } from '../../lib/io/confine.js';
import { LockCompromised } from '../../lib/io/lock.js';
import { main } from './main.js';
import { hoistSubcommand } from './route.js';

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

describe('when a command is refused a write outside its root', () => {
  it('prints one error line naming the file and the reason, no stack, and exits 1', async () => {
    const refusing: Command = {
      ...cmd(['demo', 'write'], {}),
      run: () => Promise.reject(new ConfinementError('/repo/out.json', 'resolves outside /repo')),
    };
    let err = '';
    const sink = { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream;
    const code = await main([refusing], ['demo', 'write'], {
      stdout: sink,
      stderr: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
      cwd: '/repo',
      env: {},
      now: () => 0,
    });
    expect(code).toBe(1);
    expect(err).toBe('error: /repo/out.json: refused: resolves outside /repo\n');
  });
});

describe('when a command loses its lock while holding it', () => {
  it('prints one error line naming the lock, no stack, and exits 75', async () => {
    const fenced: Command = {
      ...cmd(['demo', 'write'], {}),
      run: () =>
        Promise.reject(new LockCompromised('/repo/x.json', new Error('/repo/x.json.lock was taken over'))),
    };
    let err = '';
    const sink = { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream;
    const code = await main([fenced], ['demo', 'write'], {
      stdout: sink,
      stderr: sink,
      cwd: '/repo',
      env: {},
      now: () => 0,
    });
    expect(code).toBe(75);
    expect(err).toBe('error: lock on /repo/x.json was lost while held (/repo/x.json.lock was taken over)\n');
  });
});

describe('when a command fails with a file-system error nothing else explained', () => {
  it('prints its message (naming the path) on one error line, without stack frames', async () => {
    const err = Object.assign(new Error("EISDIR: illegal operation on a directory, open '/repo/x.json'"), {
      code: 'EISDIR',
      syscall: 'open',
      path: '/repo/x.json',
    });
    const failing: Command = { ...cmd(['demo', 'write'], {}), run: () => Promise.reject(err) };
    let out = '';
    const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
    const code = await main([failing], ['demo', 'write'], {
      stdout: sink,
      stderr: sink,
      cwd: '/repo',
      env: {},
      now: () => 0,
    });
    expect(code).toBe(1);
    expect(out).toBe("error: EISDIR: illegal operation on a directory, open '/repo/x.json'\n");
  });
});
