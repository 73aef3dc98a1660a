// What the queue domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { decodeAuditLine, QueueAuditLine, queueAuditProjection } from './audit.js';
import { OrchRunLine } from './orch-runs.js';
import { DbEventCodec, DbRowCodec, QueueRowCodec } from './row.js';
import { QueueConsistencyDoc, QueueKpiDoc, QueueStatusDoc, QueueWorkersDoc } from './view-codecs.js';

export const queueProjections: Readonly<Record<string, RegisteredProjection>> = {
  [queueAuditProjection.name]: register(
    queueAuditProjection,
    decodeAuditLine,
    'queue-audit.jsonl: the QUEUE.md rows the audited mutations and exports leave, with counts per command.',
  ),
};

export const queueContracts: Readonly<Record<string, t.Mixed>> = {
  'queue-row': QueueRowCodec,
  'queue-db-item': DbRowCodec,
  'queue-db-event': DbEventCodec,
  'queue-audit-line': QueueAuditLine,
  'orch-runs-line': OrchRunLine,
  'queue-status': QueueStatusDoc,
  'queue-workers': QueueWorkersDoc,
  'queue-consistency': QueueConsistencyDoc,
  'queue-kpi': QueueKpiDoc,
};
