// "Same log, same bytes" across machines: the same commands with the same --as-of print byte-identical
// output under TZ=UTC and TZ=Asia/Seoul. Real child processes, so the process zone is the one set here.
// The demo runs every domain on its fixtures; the ops cycle is also run with a zone-less --as-of, which
// its --tz (not the machine's zone) places.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const PKG = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'opsfold-tz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cycleRoot = join(work, 'real-window');
cpSync(join(PKG, 'fixtures', 'cycle', 'roots', 'real-window'), cycleRoot, { recursive: true });
const queueDir = join(work, 'queue-mixed');
cpSync(join(PKG, 'fixtures', 'queue', 'mixed'), queueDir, { recursive: true });

const runs: readonly { readonly argv: readonly string[]; readonly cwd: string }[] = [
  { argv: ['demo', '--as-of', '2026-02-23T00:00:00Z'], cwd: work },
  {
    argv: [
      'cycle',
      'history',
      '--root',
      cycleRoot,
      '--json',
      '--as-of',
      '2026-01-04T12:10:00',
      '--tz',
      'Asia/Seoul',
    ],
    cwd: work,
  },
  { argv: ['queue', 'kpi', '--as-of', '2026-02-10T12:00:00+09:00'], cwd: queueDir },
  { argv: ['queue', 'status'], cwd: queueDir },
];

const opsfold = async (argv: readonly string[], cwd: string, tz: string) => {
  const r = await promisify(execFile)(
    join(PKG, 'node_modules/.bin/tsx'),
    [join(PKG, 'runners/opsfold.ts'), ...argv],
    { cwd, env: { ...process.env, TZ: tz }, maxBuffer: 16 * 1024 * 1024 },
  );
  return `${r.stdout}\n--- stderr\n${r.stderr}`;
};

describe('output does not depend on the machine time zone', () => {
  it.each(runs)(
    'opsfold $argv.0 $argv.1 prints the same bytes under TZ=UTC and TZ=Asia/Seoul',
    async (run) => {
      const [utc, seoul] = await Promise.all([
        opsfold(run.argv, run.cwd, 'UTC'),
        opsfold(run.argv, run.cwd, 'Asia/Seoul'),
      ]);
      expect(utc.length).toBeGreaterThan(100);
      expect(seoul).toBe(utc);
    },
    180_000,
  );
});
