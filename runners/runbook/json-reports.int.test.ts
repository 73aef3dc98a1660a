// runbook summary, checkpoint and clean with --json: one document (sorted keys) matching its contract,
// saying what the lines say, with the same files written and the same exit codes as without it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { gitTestEnv } from './git-env.test-kit.js';
import { stableJson } from '../../lib/core/stable-json.js';
import {
  CheckpointReport,
  CleanReport,
  RunReport,
  SummaryReport,
} from '../../lib/runbook/command-reports.js';

let work = '';
let root = '';
const asOf = '2026-03-01T09:00:00Z';
const env = () => gitTestEnv(work);
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: env(), now: () => Date.parse(asOf) });

/** stdout as one document of `codec`, printed with sorted keys. */
const docOf = <A>(codec: t.Type<A>, stdout: string): A => {
  const doc = JSON.parse(stdout) as unknown;
  expect(stdout).toBe(stableJson(doc));
  const decoded = codec.decode(doc);
  if (E.isLeft(decoded)) throw new Error(`not a ${codec.name}: ${stdout}`);
  return decoded.right;
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-runbook-json-'));
  root = join(work, 'tos');
  cpSync(new URL('../../fixtures/runbook/done-run', import.meta.url), root, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('runbook summary --json', () => {
  it('prints the TXT line, phase_summary.json as written and the SummaryFile named', async () => {
    const text = await run('runbook', 'summary', '--root', root);
    const json = await run('runbook', 'summary', '--root', root, '--json');
    expect([text.code, json.code]).toEqual([0, 0]);
    const doc = docOf(SummaryReport, json.stdout);
    expect(`${doc.line}\n`).toBe(text.stdout);
    expect(doc.summaryFile).toBe('logs/last_run_summary.json');
    expect(doc.phaseSummary).toEqual(
      JSON.parse(readFileSync(join(root, 'logs', 'phase_summary.json'), 'utf8')),
    );
  });

  it('fails as the lines do when the root is missing (exit 1, nothing on stdout)', async () => {
    const r = await run('runbook', 'summary', '--root', join(work, 'nope'), '--json');
    expect([r.code, r.stdout]).toEqual([1, '']);
  });
});

describe('runbook clean --json', () => {
  it('lists the files removed, relative to the root, and an empty list once they are gone', async () => {
    const twin = join(work, 'twin');
    cpSync(root, twin, { recursive: true });
    const text = await run('runbook', 'clean', '--root', twin);
    const first = await run('runbook', 'clean', '--root', root, '--json');
    expect([text.code, first.code]).toEqual([0, 0]);
    const { removed } = docOf(CleanReport, first.stdout);
    expect(removed.some((f) => f.startsWith('logs/steps/step_'))).toBe(true);
    expect(text.stdout).toBe(
      ['cleanup start', ...removed.map((f) => `removed ${f}`), 'cleanup done', ''].join('\n'),
    );
    for (const f of removed) expect(existsSync(join(root, f)), f).toBe(false);
    const again = await run('runbook', 'clean', '--root', root, '--json');
    expect([again.code, docOf(CleanReport, again.stdout)]).toEqual([0, { removed: [] }]);
  });
});

describe('runbook checkpoint --json', () => {
  it('prints the commit and the file its hash went to', async () => {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: root, env: env(), encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    const r = await run('runbook', 'checkpoint', '--root', root, '--name', 'before', '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = docOf(CheckpointReport, r.stdout);
    expect(doc).toEqual({ checkpoint: git('rev-parse', 'HEAD'), file: 'logs/last_checkpoint.txt' });
    expect(readFileSync(join(root, doc.file), 'utf8')).toBe(`${doc.checkpoint}\n`);
  });

  it('exits 1 with nothing on stdout outside a git work tree, as without --json', async () => {
    const r = await run('runbook', 'checkpoint', '--root', root, '--name', 'x', '--json');
    expect([r.code, r.stdout]).toEqual([1, '']);
  });
});

describe('runbook cleanrun --json', () => {
  // The stand-in answers done at once while workspace/results/result.txt exists.
  const orchestrator = [
    '--orchestrator',
    JSON.stringify([
      'node',
      new URL('../../fixtures/runbook/orchestrator-stand-in.mjs', import.meta.url).pathname,
    ]),
  ];

  it('prints how the run ended, its lines, the summary written and the files removed first', async () => {
    writeFileSync(join(root, 'workspace', 'results', 'result.txt'), 'ok\n');
    const twin = join(work, 'twin');
    cpSync(root, twin, { recursive: true });
    const text = await run('runbook', 'cleanrun', '--root', twin, ...orchestrator);
    const json = await run('runbook', 'cleanrun', '--root', root, ...orchestrator, '--json');
    expect([json.code, json.stderr]).toEqual([text.code, text.stderr.replaceAll(twin, root)]);
    const doc = docOf(RunReport, json.stdout);
    const cleanup = ['cleanup start', ...doc.removed.map((f) => `removed ${f}`), 'cleanup done'];
    expect(text.stdout.replaceAll(twin, root)).toBe([...cleanup, ...doc.lines, ''].join('\n'));
    expect(doc).toMatchObject({ phase: 'done', failed: false, summaryFile: 'logs/last_run_summary.json' });
    expect(doc.phaseSummary).toEqual(
      JSON.parse(readFileSync(join(root, 'logs', 'phase_summary.json'), 'utf8')),
    );
  });
});
