// The README's "Use it on your repo" block, run exactly as written: its fenced block is taken from
// README.md and run by bash in a folder holding `your-repo` (a copy of a shipped loop-manager
// fixture whose loop is demo-loop), with `opsfold` on PATH the way `npm link` puts it there (a
// shim running the bin). Each command must exit 0 and print what the comment beside it promises.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, PKG, TSX, quote, shell } from './bin-kit.js';

const work = mkdtempSync(join(tmpdir(), 'opsfold-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first ```sh block under the `## <heading>` section of the README. */
const blockUnder = (readme: string, heading: string): string => {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error(`no sh block under "## ${heading}" in README.md`);
  return block;
};

describe('the README quick start', () => {
  it('runs as written on a repository and prints each answer', async () => {
    const block = blockUnder(readFileSync(join(PKG, 'README.md'), 'utf8'), 'Use it on your repo');
    expect(block.trim().split('\n')).toHaveLength(5);
    cpSync(join(PKG, 'fixtures/loop-manager/degraded'), join(work, 'your-repo'), { recursive: true });
    mkdirSync(join(work, 'bin'));
    const shim = join(work, 'bin', 'opsfold');
    writeFileSync(shim, `#!/bin/sh\nexec ${quote(TSX)} ${quote(BIN)} "$@"\n`);
    chmodSync(shim, 0o755);
    // Each line's output on its own, so the test can say which line broke; `set -e` stops at the first.
    const marked = block
      .trim()
      .split('\n')
      .map((line) => `${line}\necho "<<$?>>"`)
      .join('\n');
    const r = await shell(`set -e\n${marked}`, work, { PATH: `${join(work, 'bin')}:${process.env['PATH']}` });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const outs = r.stdout.split(/<<0>>\n/).slice(0, 5);
    expect(outs[0]).toBe(''); // cd
    const [snapshot, state, status, health] = outs
      .slice(1)
      .map((o) => JSON.parse(o) as Record<string, unknown>);
    expect(snapshot).toMatchObject({ envelopeType: 'loop_run_snapshot' });
    expect(state).toHaveProperty('projection');
    expect(state).toHaveProperty('health');
    expect(status).toHaveProperty('lifecycle');
    expect(['healthy', 'degraded', 'critical']).toContain(health?.['status']);
  });
});
