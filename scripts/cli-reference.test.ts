import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../runners/commands.js';
import { injectReference, renderReference } from './cli-reference-render.js';

describe('the README CLI reference', () => {
  it('is exactly what --help prints for every command (run npm run docs when this fails)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(injectReference(readme, renderReference(commands))).toBe(readme);
  });
});
