// The hostile-input lane (property-tests/reliability/hostile-items*.ts): one case per break issue 18
// lists, each asserting the promised behaviour. A case marked pending (its fix is on another branch)
// is expected to fail here until that fix is merged: delete its `pending` then.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileItems, type HostileItem } from './reliability/hostile-items.js';
import { moreHostileItems } from './reliability/hostile-items-more.js';

const root = mkdtempSync(join(tmpdir(), 'opsfold-hostile-items-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const check = async (c: HostileItem): Promise<void> => {
  n += 1;
  const dir = join(root, `case-${n}`);
  expect(await c.run(dir)).toBeNull();
};

describe.each([...hostileItems, ...moreHostileItems].map((c) => [`item ${c.item}: ${c.name}`, c] as const))(
  '%s',
  (_name, c) => {
    if (c.pending === undefined) it('holds its promise', () => check(c), 30_000);
    else it.fails(`holds its promise once merged (${c.pending})`, () => check(c), 30_000);
  },
);
