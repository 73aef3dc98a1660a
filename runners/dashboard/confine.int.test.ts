// The dashboard reads only inside the repo: a document or log symlinked out of it, or a FIFO in its
// place, is shown as a refused artifact (the page never reads it and never hangs on it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DashboardStore } from './store.js';
import { copyFixture } from './test-kit.js';

const asOf = { ms: Date.parse('2026-02-22T12:00:00Z'), iso: '2026-02-22T12:00:00Z' };
const HEALTH = '.superloop/ops-manager/healthy-loop/health.json';

const rowOf = async (repo: string, loopId: string) => {
  const store = new DashboardStore(repo, join(repo, '.opsfold'));
  await store.refresh();
  return store.rows(asOf).find((r) => r.loopId === loopId);
};

describe('documents outside the repo', () => {
  it('refuses a health.json symlinked out of the repo and names it', async () => {
    const repo = copyFixture('dashboard/three-loops');
    const outside = mkdtempSync(join(tmpdir(), 'opsfold-dash-out-'));
    writeFileSync(join(outside, 'health.json'), '{"status":"healthy","reasonCodes":[]}');
    rmSync(join(repo, HEALTH));
    symlinkSync(join(outside, 'health.json'), join(repo, HEALTH));
    const row = await rowOf(repo, 'healthy-loop');
    expect(row?.problems).toContainEqual(
      expect.objectContaining({ file: HEALTH, kind: 'corrupt', reason: expect.stringMatching(/^refused: /) }),
    );
  });

  it('refuses a FIFO in place of health.json without waiting for a writer', async () => {
    const repo = copyFixture('dashboard/three-loops');
    rmSync(join(repo, HEALTH));
    execFileSync('mkfifo', [join(repo, HEALTH)]);
    const row = await rowOf(repo, 'healthy-loop');
    expect(row?.problems).toContainEqual(
      expect.objectContaining({ file: HEALTH, kind: 'corrupt', reason: 'refused: a FIFO' }),
    );
  });
});

describe('logs outside the repo', () => {
  it('refuses an events log symlinked out of the repo, and a FIFO telemetry log, without reading them', async () => {
    const repo = copyFixture('dashboard/three-loops');
    const outside = mkdtempSync(join(tmpdir(), 'opsfold-dash-out-'));
    const events = '.superloop/loops/healthy-loop/events.jsonl';
    const telemetry = '.superloop/ops-manager/healthy-loop/telemetry/reconcile.jsonl';
    writeFileSync(join(outside, 'events.jsonl'), '{"event":"secret"}\n');
    rmSync(join(repo, events), { force: true });
    symlinkSync(join(outside, 'events.jsonl'), join(repo, events));
    rmSync(join(repo, telemetry), { force: true });
    execFileSync('mkfifo', [join(repo, telemetry)]);
    const row = await rowOf(repo, 'healthy-loop');
    expect(row?.problems).toContainEqual(
      expect.objectContaining({ file: events, kind: 'corrupt', reason: expect.stringMatching(/^refused: /) }),
    );
    expect(row?.problems).toContainEqual(
      expect.objectContaining({ file: telemetry, kind: 'corrupt', reason: 'refused: a FIFO' }),
    );
    expect(row?.lastEvent.name).not.toBe('secret');
  });
});
