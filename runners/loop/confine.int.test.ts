// A loop's artifacts other than the events log and the loop dir are confined too: a document read by
// snapshot, status or reconcile, a telemetry log appended by heartbeat, sequence, profile-drift or
// reconcile, a cursor or state written, each symlinked to a file outside the repo, is refused with
// exit 1 naming it; the outside file is neither changed nor echoed.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { loopCommands } from './commands.js';

const AS_OF = '2026-02-22T12:00:00Z';
const FIXTURE = new URL('../../fixtures/loop/running', import.meta.url);
const LOOP = '.superloop/loops/running';
const MGR = '.superloop/ops-manager/running';
const root = mkdtempSync(join(tmpdir(), 'opsfold-loop-confine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const SECRET = 'OUTSIDE-SECRET';

/** A repo copy whose `rel` is a symlink to a file outside it holding a recognisable document. */
const linkedOut = (rel: string) => {
  n += 1;
  const dir = join(root, `case-${n}`);
  const repo = join(dir, 'repo');
  cpSync(FIXTURE, repo, { recursive: true });
  const target = join(dir, 'outside', 'target');
  mkdirSync(dirname(target), { recursive: true });
  const text = rel.endsWith('.jsonl')
    ? `{"timestamp":"2026-02-01T00:00:00Z","event":"x","note":"${SECRET}"}\n`
    : `{"note":"${SECRET}","timestamp":"2026-02-01T00:00:00Z"}\n`;
  writeFileSync(target, text);
  const at = join(repo, rel);
  mkdirSync(dirname(at), { recursive: true });
  if (existsSync(at)) unlinkSync(at);
  symlinkSync(target, at);
  return { dir, repo, target, text };
};

const cases: readonly (readonly [string, string])[] = [
  ['loop snapshot', `${LOOP}/run-summary.json`],
  ['loop snapshot', `${LOOP}/approval.json`],
  ['loop snapshot', `${LOOP}/heartbeat.v1.json`],
  ['loop snapshot', '.superloop/state.json'],
  ['loop snapshot', '.superloop/active-run.json'],
  ['loop poll-events', `${LOOP}/ops-manager.cursor.json`],
  ['loop status', `${MGR}/health.json`],
  ['loop status', `${MGR}/telemetry/reconcile.jsonl`],
  ['loop heartbeat', `${MGR}/telemetry/heartbeat.jsonl`],
  ['loop sequence', `${MGR}/telemetry/sequence.jsonl`],
  ['loop profile-drift', `${MGR}/telemetry/profile-drift.jsonl`],
  ['loop reconcile', `${MGR}/telemetry/reconcile.jsonl`],
  ['loop reconcile', `${MGR}/telemetry/heartbeat.jsonl`],
  ['loop reconcile', `${MGR}/state.json`],
  ['loop project-state', '.opsfold/loop/running/snapshot.json'],
];

describe('a loop artifact symlinked to a file outside the repo', () => {
  it.each(cases)('%s refuses %s, leaving the outside file unread and unchanged', async (cmd, rel) => {
    const c = linkedOut(rel);
    const r = await runCaptured(
      loopCommands,
      [...cmd.split(' '), '--repo', c.repo, '--loop', 'running', '--as-of', AS_OF],
      { cwd: c.dir, env: {}, now: () => Date.parse(AS_OF) },
    );
    expect(readFileSync(c.target, 'utf8')).toBe(c.text);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: artifact resolves outside the repo: /m);
  });
});
