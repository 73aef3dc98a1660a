import { describe, expect, it } from 'vitest';
import { buildStatus, type StatusFiles } from '../loop/status.js';
import { summarizeTelemetry } from '../loop/telemetry-summary.js';
import { missingDocs, readLoopDocs } from './loop-docs.js';
import { loopStatusOf, statusReadsOf, type StatusWindows } from './loop-status.js';
import { memoryFiles, memoryStore, memoryWindow } from './memory-edge.test-kit.js';

const AS_OF = { iso: '2026-02-22T12:00:00Z' };
const files = memoryFiles('demo');
const m = files.manager;
const window = (records?: readonly unknown[]) => memoryWindow('w', 'w', records);
const noWindows: StatusWindows = {
  intents: window(),
  invocations: window(),
  control: window(),
  reconcile: window(),
  alerts: window(),
};
const reconcile = [
  { status: 'ok', timestamp: '2026-02-22T11:59:00Z', transport: 'local', durationSeconds: 2 },
  { status: 'failed', timestamp: '2026-02-22T11:59:30Z', transport: 'local', failureCode: 'timeout' },
];

describe('the dashboard status of a loop', () => {
  it('given the manager documents and windows, answers what `loop status` derives from the same files', async () => {
    const store = memoryStore(
      new Map<string, unknown>([
        [
          m.stateFile,
          { transition: { currentState: 'running', confidence: 'high' }, cursor: { eventLineCount: 7 } },
        ],
        [m.healthFile, { status: 'degraded', reasonCodes: ['ingest_stale'] }],
      ]),
    );
    const docs = await readLoopDocs(store, files);
    const windows = { ...noWindows, reconcile: window(reconcile), intents: window([{ intent: 'cancel' }]) };

    const status = loopStatusOf({
      repo: '/r',
      loopId: 'demo',
      files,
      reads: statusReadsOf(docs, windows),
      asOf: AS_OF,
      telemetry: { reconcile, control: [] },
      summaryWindow: 200,
      reconcileExists: true,
    });

    expect(status['lifecycle']).toEqual({
      state: 'running',
      confidence: 'high',
      runId: null,
      iteration: null,
    });
    expect(status['reconcile']).toMatchObject({ lastStatus: 'failed', lastFailureCode: 'timeout' });
    expect(status['control']).toMatchObject({ lastIntent: 'cancel' });
    expect(status['files']).toMatchObject({ stateFile: '.superloop/ops-manager/demo/state.json' });
    const summary = summarizeTelemetry({
      generatedAt: AS_OF.iso,
      repoPath: '/r',
      loopId: 'demo',
      reconcileTelemetryFile: files.shown(m.reconcileTelemetryFile),
      controlTelemetryFile: files.shown(m.controlTelemetryFile),
      window: 200,
      reconcile,
      control: [],
    });
    const raw = { cursor: null, drift: null, alertDispatchState: null, heartbeat: null, sequence: null };
    expect(status).toEqual(
      buildStatus({
        generatedAt: AS_OF.iso,
        repoPath: '/r',
        loopId: 'demo',
        summaryWindow: 200,
        ...raw,
        state: docs.state.value,
        health: docs.health.value,
        lastIntent: { intent: 'cancel' },
        lastReconcile: reconcile[1],
        lastAlertDelivery: null,
        lastInvocation: null,
        lastControl: null,
        tuningSummary: summary,
        files: status['files'] as StatusFiles,
      }),
    );
  });

  it('given no documents and no reconcile telemetry, reports unknown with no tuning summary', () => {
    const status = loopStatusOf({
      repo: '/r',
      loopId: 'demo',
      files,
      reads: statusReadsOf(missingDocs(files), noWindows),
      asOf: AS_OF,
      telemetry: { reconcile: [], control: [] },
      summaryWindow: 200,
      reconcileExists: false,
    });

    expect(status['lifecycle']).toMatchObject({ state: 'unknown' });
    expect(status['tuning']).toMatchObject({ telemetrySummary: null, recommendedProfile: null });
    expect(status['generatedAt']).toBe(AS_OF.iso);
  });
});
