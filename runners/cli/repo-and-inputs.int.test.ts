// Which repo and loop a command works on, through the real bin: the repo is found upward from the
// working directory (or from a --repo inside it), a typo'd --loop writes nothing and lists the loops
// there are, and an input file named on the command line must exist.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { opsfoldIn } from './bin-kit.js';

const work = mkdtempSync(join(tmpdir(), 'opsfold-repo-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const repo = join(work, 'repo');
const loopDir = join(repo, '.superloop', 'loops', 'demo');
mkdirSync(loopDir, { recursive: true });
mkdirSync(join(repo, '.superloop', 'ops-manager', 'night-shift'), { recursive: true });
writeFileSync(join(loopDir, 'events.jsonl'), '');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

const unknownNope = `error: unknown loop: nope (in ${repo})\n  loops found: demo, night-shift\n`;

describe('a --loop the repo does not have', () => {
  it('exits 1 listing the loops found, and reconcile writes nothing', async () => {
    const before = filesUnder(repo);
    const r = await opsfoldIn(work, 'loop', 'reconcile', '--repo', 'repo', '--loop', 'nope');
    expect(r).toEqual({ code: 1, stdout: '', stderr: unknownNope });
    expect(filesUnder(repo)).toEqual(before);
  });

  it('is refused the same way by the commands that would write for it', async () => {
    const runs = await Promise.all([
      opsfoldIn(repo, 'loop', 'heartbeat', '--loop', 'nope'),
      opsfoldIn(repo, 'loop', 'control', '--loop', 'nope', '--intent', 'cancel'),
      opsfoldIn(repo, 'alerts', 'dispatch', '--loop', 'nope'),
      opsfoldIn(repo, 'loop', 'health', '--loop', 'nope'),
    ]);
    for (const r of runs) expect(r).toEqual({ code: 1, stdout: '', stderr: unknownNope });
    expect(filesUnder(join(repo, '.superloop')).filter((f) => f.includes('nope'))).toEqual([]);
  });

  it('names the loops found beside the reference’s error for a missing loop folder', async () => {
    const r = await opsfoldIn(repo, 'loop', 'snapshot', '--loop', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: required artifact root missing: ${join(repo, '.superloop', 'loops', 'nope')}\n` +
        '  loops found: demo, night-shift\n',
    );
  });
});

describe('a --loop in a repo with no loop folders yet', () => {
  it('is not a typo: reconcile records the failed pass as the reference does (snapshot_unavailable)', async () => {
    const empty = join(work, 'empty');
    mkdirSync(join(empty, '.superloop'), { recursive: true });
    const r = await opsfoldIn(work, 'loop', 'reconcile', '--repo', 'empty', '--loop', 'first');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'degraded' });
    expect(filesUnder(empty)).toContain(join('.superloop', 'ops-manager', 'first', 'health.json'));
  });
});

describe('the repository root', () => {
  it('is found upward from the working directory when --repo is omitted, and from --repo . inside a loop folder', async () => {
    const [omitted, dot] = await Promise.all([
      opsfoldIn(loopDir, 'loop', 'reconcile', '--loop', 'nope'),
      opsfoldIn(loopDir, 'loop', 'reconcile', '--repo', '.', '--loop', 'nope'),
    ]);
    expect(omitted).toEqual({ code: 1, stdout: '', stderr: unknownNope });
    expect(dot).toEqual(omitted);
  });

  it('is a usage error when --repo is omitted and no folder above holds .superloop/', async () => {
    const r = await opsfoldIn(work, 'loop', 'status', '--loop', 'demo');
    expect(r).toEqual({
      code: 64,
      stdout: '',
      stderr: `error: --repo is required: no .superloop/ folder in ${work} or any folder above it\n`,
    });
  });
});

describe('an input file named on the command line', () => {
  it('must exist: loop health --state-file /no/such.json is an error, not "healthy"', async () => {
    const r = await opsfoldIn(work, 'loop', 'health', '--state-file', '/no/such.json');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: input file not found: /no/such.json\n  --state-file /no/such.json (/no/such.json) does not exist\n',
    });
  });

  it('is checked in every domain that reads one as optional', async () => {
    const runs = await Promise.all([
      opsfoldIn(repo, 'loop', 'status', '--loop', 'demo', '--intents-file', 'gone.jsonl'),
      opsfoldIn(repo, 'loop', 'heartbeat', '--loop', 'demo', '--heartbeat-file', 'gone.json'),
      opsfoldIn(repo, 'alerts', 'dispatch', '--loop', 'night-shift', '--alert-config-file', 'gone.json'),
      opsfoldIn(repo, 'replay', '--projection', 'loop-events', 'x.jsonl', '--expect', 'gone.json'),
      opsfoldIn(repo, 'runbook', 'policy', '--config', 'gone.json', '--command', 'dir'),
      opsfoldIn(repo, 'harness', 'actor-audit', '--root', '.', '--input', 'gone.json'),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: input file not found: gone\.json(l)?\n/);
    }
  });
});
