import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfinementError } from './confine.js';
import { moveWithin } from './move.js';

let root = '';
let outside = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-move-'));
  outside = mkdtempSync(join(tmpdir(), 'opsfold-move-out-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('moveWithin', () => {
  it('given a file, when it is moved, then it is at the target (folders created) and gone from the source', async () => {
    writeFileSync(join(root, 'a.jsonl'), 'x\n');
    expect(await moveWithin(root, 'a.jsonl', 'claims/inflight/a.jsonl.claim')).toBe('moved');
    expect(readFileSync(join(root, 'claims/inflight/a.jsonl.claim'), 'utf8')).toBe('x\n');
    expect(existsSync(join(root, 'a.jsonl'))).toBe(false);
  });

  it('given two movers racing for one file, then exactly one moves it and the other is told it is missing', async () => {
    writeFileSync(join(root, 'a.jsonl'), 'x\n');
    const got = await Promise.all([
      moveWithin(root, 'a.jsonl', 'one/a'),
      moveWithin(root, 'a.jsonl', 'two/a'),
    ]);
    expect([...got].sort()).toEqual(['missing', 'moved']);
  });

  it('given a target folder that is a symlink out of the root, then the move is refused and the file stays', async () => {
    writeFileSync(join(root, 'a.jsonl'), 'x\n');
    mkdirSync(join(root, 'claims'));
    symlinkSync(outside, join(root, 'claims', 'inflight'));
    await expect(moveWithin(root, 'a.jsonl', 'claims/inflight/a')).rejects.toBeInstanceOf(ConfinementError);
    expect(existsSync(join(root, 'a.jsonl'))).toBe(true);
  });
});
