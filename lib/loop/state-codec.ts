// The manager state document `loop project-state` writes to .superloop/ops-manager/<loop>/state.json
// (the reference's keys and enums), as a codec so its JSON Schema is generated with the others.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { RunStatus } from './codecs.js';

export const ManagerState = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    source: t.type({ repoPath: t.string, loopId: t.string }),
    run: t.type({ runId: t.string, iteration: t.number }),
    transition: t.type({
      previousState: t.string,
      triggeringSignal: t.string,
      currentState: t.union([RunStatus, t.string]),
      confidence: t.keyof({ high: null, medium: null, low: null }),
    }),
    projection: t.type({
      status: t.string,
      hasPendingApproval: t.boolean,
      completionOk: t.boolean,
      gates: t.unknown,
      stuck: t.unknown,
      active: nullable(t.unknown),
      lastEventName: t.unknown,
      lastEventAt: t.unknown,
    }),
    cursor: t.type({ eventLineOffset: t.number, eventLineCount: t.number }),
    divergence: t.type({
      any: t.boolean,
      flags: t.type({
        activeMismatch: t.boolean,
        approvalCompletionConflict: t.boolean,
        cursorRegression: t.boolean,
      }),
    }),
    evidence: t.type({
      snapshotFile: t.string,
      eventsFile: nullable(t.string),
      snapshotEnvelope: t.type({
        runStatus: t.string,
        lastEventName: t.unknown,
        hasPendingApproval: t.boolean,
      }),
      lastEventEnvelope: t.unknown,
    }),
  },
  'ManagerState',
);
