import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, Io } from './cli/command.js';
import { helpOf } from './cli/command.js';
import { lazyCommand, loadCommand, type CommandEntry } from './cli/lazy.js';
import { originOf } from './cli/conventions.js';
import { main } from './cli/main.js';
import { commands } from './commands.js';
import { loadLazyTable } from './lazy-commands.js';
import { manifestEntries, writeManifest } from '../scripts/command-manifest.js';

const captured = async (table: readonly Command[], argv: string[]): Promise<[number, string]> => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString()));
  const io: Io = { stdout: out, stderr: out, cwd: process.cwd(), env: {}, now: () => 0 };
  const code = await main(table, argv, io);
  return [code, text];
};

let entries: CommandEntry[];
let lazy: readonly Command[];
beforeAll(async () => {
  entries = await manifestEntries();
  lazy = entries.map(lazyCommand);
}, 60_000);

describe('the lazy command table built from the manifest', () => {
  it('lists the same commands, in the same order, as the eager table', () => {
    expect(lazy.map((c) => c.path.join(' '))).toEqual(commands.map((c) => c.path.join(' ')));
  });

  it('prints the same --help text for every command and at the top level', async () => {
    for (const [i, c] of commands.entries()) expect(helpOf(lazy[i] ?? c)).toBe(helpOf(c));
    expect(await captured(lazy, ['--help'])).toEqual(await captured(commands, ['--help']));
  });

  it('dispatches every command to the module that implements it', async () => {
    for (const [i, entry] of entries.entries()) expect(await loadCommand(entry)).toBe(originOf(commands[i]!));
  });
});

describe('help from the lazy table', () => {
  it('prints domain help and `help <words>` from descriptors alone, as the eager table does', async () => {
    // Entries whose modules do not exist: any attempt to load an implementation would fail.
    const unloadable = entries.map((e) => lazyCommand({ ...e, module: 'nowhere/missing' }));
    for (const argv of [
      ['loop', '--help'],
      ['queue'],
      ['help', 'fleet'],
      ['help', 'loop', 'status'],
      ['--version'],
    ]) {
      const [code, text] = await captured(unloadable, argv);
      expect([code, text], argv.join(' ')).toEqual(await captured(commands, argv));
      expect(code, argv.join(' ')).toBe(0);
    }
  });
});

describe('when the build has written the manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsfold-manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the bin reads it back as the same table; a folder without one answers null', async () => {
    expect(await writeManifest(dir)).toBe(commands.length);
    const table = await loadLazyTable(pathToFileURL(`${dir}/`));
    expect(table?.map(helpOf)).toEqual(commands.map(helpOf));
    expect(await loadLazyTable(pathToFileURL(`${join(dir, 'nowhere')}/`))).toBeNull();
  }, 60_000);
});

describe('when a command runs', () => {
  it('sees the table it was dispatched from, so it can run the others', async () => {
    let seen: readonly Command[] | undefined;
    const probe: Command = {
      path: ['probe'],
      summary: '',
      usage: '',
      flags: {},
      exits: {},
      run: (_v, _p, io) => ((seen = io.table), Promise.resolve(0)),
    };
    const table = [probe, ...commands];
    expect((await captured(table, ['probe']))[0]).toBe(0);
    expect(seen).toBe(table);
  });
});
