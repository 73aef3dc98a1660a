import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { helpOf } from '../runners/cli/command.js';
import { commands } from '../runners/commands.js';
import { renderReference } from './cli-reference-render.js';

const reference = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md, the CLI reference', () => {
  it('is exactly what the command descriptors render (run npm run docs:cli when this fails)', () => {
    expect(reference).toBe(renderReference(commands));
  });

  it('holds every command’s --help text', () => {
    for (const c of commands) expect(reference).toContain(helpOf(c).trimEnd());
  });
});
