// Given a repo with a horizon outbox, when `opsfold fleet horizon-bridge` runs (once, or again), then
// the claims move, the queue and state are written, telemetry is appended and the exit code says
// whether a file broke the contract.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { fleetHorizonBridge } from './horizon-bridge.js';

const asOf = '2026-03-01T10:00:00Z';
let repo = '';
beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsfold-horizon-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const fleet = (...p: string[]) => join(repo, '.superloop', 'ops-manager', 'fleet', ...p);
const outbox = (rel: string, ...lines: string[]) => {
  const file = join(repo, '.superloop', 'horizons', 'outbox', rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
};
const envelope = (packetId: string, traceId: string, packet: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: 'v1',
    traceId,
    packet: { packetId, recipient: { type: 'local_agent', id: 'w1' }, intent: 'apply fix', ...packet },
    evidenceRefs: ['ev://a'],
    extra: { ignored: true },
  });
const bridge = (...extra: string[]) =>
  runCaptured(
    [fleetHorizonBridge],
    ['fleet', 'horizon-bridge', '--repo', repo, '--as-of', asOf, '--trace-id', 'run-1', ...extra],
    {
      cwd: repo,
      env: {},
      now: () => Date.parse(asOf),
    },
  );
const json = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as {
    intents: Record<string, unknown>[];
    summary: Record<string, number>;
  };
const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];

describe('fleet horizon-bridge', () => {
  it('given a valid envelope, when the bridge runs, then it is queued pending confirmation and the claim is processed', async () => {
    outbox('local_agent/w1.jsonl', envelope('pkt-1', 'tr-1'));
    const ran = await bridge();
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const state = JSON.parse(ran.stdout);
    expect(state).toEqual(json(fleet('horizon-bridge-state.json')));
    expect(state.summary).toMatchObject({
      claimedFileCount: 1,
      processedFileCount: 1,
      queuedEnvelopeCount: 1,
    });
    const queue = json(fleet('horizon-bridge-queue.json'));
    expect(queue.intents).toHaveLength(1);
    expect(queue.intents[0]).toMatchObject({ packetId: 'pkt-1', status: 'pending_operator_confirmation' });
    expect(filesUnder(fleet('horizon-bridge-claims', 'processed'))).toHaveLength(1);
    expect(filesUnder(fleet('horizon-bridge-claims', 'inflight'))).toEqual([]);
    expect(existsSync(join(repo, '.superloop/horizons/outbox/local_agent/w1.jsonl'))).toBe(false);
    const telemetry = readFileSync(fleet('telemetry', 'horizon-bridge.jsonl'), 'utf8').trim().split('\n');
    expect(telemetry.map((l) => JSON.parse(l).category)).toEqual([
      'horizon_bridge_file',
      'horizon_bridge_run',
    ]);
  });

  it('given the same packet again in a later file, when the bridge runs again, then it is a duplicate', async () => {
    outbox('a.jsonl', envelope('pkt-1', 'tr-1'));
    await bridge();
    outbox('b.jsonl', envelope('pkt-1', 'tr-1', { intent: 'other' }));
    const ran = await bridge();
    expect(ran.code).toBe(0);
    const state = JSON.parse(ran.stdout);
    expect(state.summary).toMatchObject({ duplicateEnvelopeCount: 1, queuedEnvelopeCount: 0 });
    expect(state.dedupe).toEqual({ keyCount: 1, keys: ['pkt-1::tr-1'] });
    expect(state.observed).toMatchObject({ hadPreviousState: true, previousStatus: 'ok' });
    expect(json(fleet('horizon-bridge-queue.json')).summary.intentCount).toBe(1);
  });

  it('given an envelope missing its intent, when the bridge runs, then it fails closed (exit 2) and the claim is rejected', async () => {
    outbox('human/alice.jsonl', envelope('pkt-2', 'tr-2', { intent: undefined }));
    const ran = await bridge();
    expect(ran.code).toBe(2);
    const state = JSON.parse(ran.stdout);
    expect(state.status).toBe('failed_contract_validation');
    expect(state.reasonCodes).toContain('horizon_bridge_contract_validation_failed');
    expect(json(fleet('horizon-bridge-queue.json')).summary.intentCount).toBe(0);
    expect(filesUnder(fleet('horizon-bridge-claims', 'rejected'))).toHaveLength(1);
  });

  it('given --max-files 1 and two files, when the bridge runs, then only the first in byte order is claimed', async () => {
    outbox('b.jsonl', envelope('pkt-b', 'tr'));
    outbox('a.jsonl', envelope('pkt-a', 'tr'));
    const ran = await bridge('--max-files', '1');
    expect(JSON.parse(ran.stdout).files.claimed[0]).toMatch(/^a\.jsonl\.claim\./);
    expect(existsSync(join(repo, '.superloop/horizons/outbox/b.jsonl'))).toBe(true);
  });

  it('given a queue file that is not JSON, when the bridge runs, then it stops (exit 1) and claims nothing', async () => {
    outbox('a.jsonl', envelope('pkt-1', 'tr-1'));
    mkdirSync(fleet(), { recursive: true });
    writeFileSync(fleet('horizon-bridge-queue.json'), '{');
    const ran = await bridge();
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^error: invalid bridge queue JSON: /);
    expect(existsSync(join(repo, '.superloop/horizons/outbox/a.jsonl'))).toBe(true);
  });

  it('given a bad --max-files, then it is a usage error with the reference wording', async () => {
    const ran = await bridge('--max-files', 'x');
    expect(ran.code).toBe(64);
    expect(ran.stderr).toMatch(/^error: --max-files must be an integer >= 0/);
  });
});
