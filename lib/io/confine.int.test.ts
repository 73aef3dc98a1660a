// Confinement on real files: a dangling symlink is refused, and a file another process creates while
// the path is being resolved is confined like any file, never mistaken for a dangling symlink (two
// queue writers creating audit.jsonl at once hit that race).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confine } from './confine.js';

let root = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-confine-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('confine', () => {
  it('refuses a dangling symlink', async () => {
    symlinkSync(join(root, 'nowhere'), join(root, 'link'));
    expect(await confine(root, 'link')).toMatchObject({
      ok: false,
      reason: 'a dangling symlink is not an artifact',
    });
  });

  it('confines a file created while it is being resolved', async () => {
    const answers = await Promise.all(
      Array.from({ length: 400 }, async (_, i) => {
        const [c] = await Promise.all([confine(root, `f${i}`), writeFile(join(root, `f${i}`), 'x')]);
        return c.ok ? 'ok' : c.reason;
      }),
    );
    expect(answers.filter((a) => a !== 'ok')).toEqual([]);
  });
});
