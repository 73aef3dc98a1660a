// `npm run bench -- --quick`: every phase runs on small inputs and checks its own output, in seconds.
// The bench runs from dist/ (it spawns the built bin), so this runs the built bench and is skipped
// where `npm run build` has not been run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../dist/bench/run.js', import.meta.url));
const built = existsSync(RUN);

const bench = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [RUN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SUPERLOOP_REF: '', ...env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe.skipIf(!built)('bench --quick', () => {
  it('runs every phase, each checking its output, and reports every target', () => {
    const r = bench(['--quick', '--json']);
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { phases: { id: string; targets: unknown[]; skipped?: string }[] };
    expect(report.phases.map((p) => p.id)).toEqual([
      'startup',
      'incremental',
      'first-reconcile',
      'replay',
      'poll',
      'backlog',
      'long-line',
      'queue-kpi',
      'jetstream',
    ]);
    for (const p of report.phases) if (p.skipped === undefined) expect(p.targets.length).toBeGreaterThan(0);
  }, 240_000);

  it('skips the reference comparison with a note when no checkout is given', () => {
    const r = bench(['--quick', '--only', 'versus-reference', '--versus-reference']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('skipped: set SUPERLOOP_REF=');
  });

  it('refuses an unknown phase as a usage error', () => {
    const r = bench(['--only', 'nope']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unknown phase nope');
  });
});
