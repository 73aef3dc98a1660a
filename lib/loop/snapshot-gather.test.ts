// The snapshot gather over memory ports: the events log is required first, the documents and their
// metadata land in the envelope under repo-relative paths, corrupt lines are quarantined and noted,
// and the checkpoint is saved only when the caller commits.
import { describe, expect, it } from 'vitest';
import { absentMarker, type MarkerStat } from '../io/markers.js';
import { loopEventsProjection } from './events-projection.js';
import { gatherSnapshotOver, type EventsFold, type SnapshotPorts } from './snapshot-gather.js';

const files = {
  repo: '/r',
  loopId: 'L',
  events: '/r/.superloop/loops/L/events.jsonl',
  runSummary: '/r/.superloop/loops/L/run-summary.json',
  state: '/r/.superloop/state.json',
  activeRun: '/r/.superloop/loops/L/active-run.json',
  approval: '/r/.superloop/loops/L/approval.json',
  heartbeat: '/r/.superloop/loops/L/heartbeat.v1.json',
};

const fold = (corrupt: EventsFold['corrupt'] = []): EventsFold => ({
  state: loopEventsProjection.initial,
  cursor: { byteOffset: 40, lines: 2 },
  end: { cursor: { byteOffset: 40, lines: 2 }, tornTail: null, blankLines: 0, lastLine: null },
  corrupt,
  digest: null,
  resumedFrom: null,
  notes: [],
});

const eventsStat: MarkerStat = { exists: true, sizeBytes: 40, lineCount: 2, sha256: 'abc', mtimeEpoch: 1 };

const memory = (f: EventsFold, missing = false) => {
  const log: string[] = [];
  const ports: SnapshotPorts = {
    requireEvents: () => {
      log.push('require');
      if (missing) throw new Error('required artifact missing');
    },
    foldEvents: async () => (log.push('fold'), f),
    quarantine: async (items) => (items.length === 0 ? null : '/r/.opsfold/quarantine.jsonl'),
    readDoc: async (file) => (file === files.state ? { status: 'running' } : null),
    stat: async () => absentMarker,
    eventsStat: async () => eventsStat,
    saveCheckpoint: async () => void log.push('checkpoint'),
  };
  return { ports, log };
};

const options = {
  asOf: '2026-01-01T00:00:00Z',
  fromStart: false,
  skipCorrupt: false,
  runId: null,
  traceId: null,
};

describe('given a loop with an events log', () => {
  it('builds the snapshot with repo-relative artifact paths and saves the checkpoint on commit', async () => {
    const m = memory(fold());
    const g = await gatherSnapshotOver(m.ports, files, options);
    const text = JSON.stringify(g.snapshot);
    expect(text).toContain('.superloop/loops/L/events.jsonl');
    expect(text).not.toContain('"/r/.superloop');
    expect(g.notes).toEqual([]);
    expect(m.log).toEqual(['require', 'fold']);
    await g.commit();
    expect(m.log).toEqual(['require', 'fold', 'checkpoint']);
  });
});

describe('given corrupt lines', () => {
  it('notes where they were quarantined', async () => {
    const corrupt = [
      {
        kind: 'corrupt' as const,
        position: { line: 1, byteOffset: 0 },
        reason: 'invalid JSON',
        raw: 'x',
        next: { byteOffset: 2, lines: 1 },
      },
    ];
    const g = await gatherSnapshotOver(memory(fold(corrupt)).ports, files, options);
    expect(g.notes.join('\n')).toContain('/r/.opsfold/quarantine.jsonl');
  });
});

describe('given a loop without its events log', () => {
  it('fails before folding anything', async () => {
    const m = memory(fold(), true);
    await expect(gatherSnapshotOver(m.ports, files, options)).rejects.toThrow('required artifact missing');
    expect(m.log).toEqual(['require']);
  });
});
