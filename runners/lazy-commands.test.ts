import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { helpOf, type Io } from './cli/command.js';
import { loadCommand } from './cli/lazy.js';
import { main } from './cli/main.js';
import { commandManifest } from './command-manifest.js';
import { commands } from './commands.js';
import { lazyCommands } from './lazy-commands.js';
import { MANIFEST_FILE, manifestText } from '../scripts/command-manifest.js';

const captured = async (table: typeof commands, argv: string[]): Promise<[number, string]> => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString()));
  const io: Io = { stdout: out, stderr: out, cwd: process.cwd(), env: {}, now: () => 0 };
  const code = await main(table, argv, io);
  return [code, text];
};

describe('the lazy command table', () => {
  it('lists the same commands, in the same order, as the eager table', () => {
    expect(lazyCommands.map((c) => c.path.join(' '))).toEqual(commands.map((c) => c.path.join(' ')));
  });

  it('prints the same --help text for every command and at the top level', async () => {
    for (const [i, c] of commands.entries()) expect(helpOf(lazyCommands[i] ?? c)).toBe(helpOf(c));
    expect(await captured(lazyCommands, ['--help'])).toEqual(await captured(commands, ['--help']));
  });

  it('dispatches every command to the module that implements it', async () => {
    for (const [i, entry] of commandManifest.entries()) expect(await loadCommand(entry)).toBe(commands[i]);
  });

  it('is generated from the current eager table (npm run manifest)', async () => {
    expect(await manifestText()).toBe(readFileSync(MANIFEST_FILE, 'utf8'));
  }, 60_000);
});
