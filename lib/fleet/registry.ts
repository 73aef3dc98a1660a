// What the fleet domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import {
  FleetReconcileLine,
  FleetRegistryFile,
  FleetStateDoc,
  PolicyGovernanceLine,
  PolicyHistoryLine,
  PolicyTelemetryLine,
} from './codecs.js';
import { PolicyStateDoc } from './codecs-policy-state.js';
import { FleetStatusDoc, HandoffTelemetryLine } from './codecs-handoff.js';
import { HandoffStateDoc } from './codecs-handoff-state.js';
import { governanceAuditProjection } from './governance-audit.js';
import { decodeTelemetryObject, handoffHistoryProjection } from './handoff-history.js';
import { policyHistoryProjection } from './policy-history.js';
import { reconcileHistoryProjection } from './reconcile-history.js';
import { fleetPromotionContracts, fleetPromotionProjections } from './promotion-registry.js';
import { fleetHorizonContracts } from './horizon-contracts.js';

export const fleetProjections: Readonly<Record<string, RegisteredProjection>> = {
  [reconcileHistoryProjection.name]: register(
    reconcileHistoryProjection,
    decodeTelemetryObject,
    'fleet/telemetry/reconcile.jsonl: runs by status, the latest run, the streak of runs that were not a clean success.',
  ),
  [policyHistoryProjection.name]: register(
    policyHistoryProjection,
    decodeTelemetryObject,
    'fleet/telemetry/policy-history.jsonl: per candidate, when it was last raised unsuppressed and last autonomous-eligible.',
  ),
  [governanceAuditProjection.name]: register(
    governanceAuditProjection,
    decodeTelemetryObject,
    'fleet/telemetry/policy-governance.jsonl: the latest governance snapshot and the first line whose seal does not hold.',
  ),
  [handoffHistoryProjection.name]: register(
    handoffHistoryProjection,
    decodeTelemetryObject,
    'fleet/telemetry/handoff.jsonl: autonomous executions in order and the latest outcome of each intent.',
  ),
  ...fleetPromotionProjections,
};

export const fleetContracts: Readonly<Record<string, t.Mixed>> = {
  'fleet-registry': FleetRegistryFile,
  'fleet-state': FleetStateDoc,
  'fleet-policy-state': PolicyStateDoc,
  'fleet-handoff-state': HandoffStateDoc,
  'fleet-status': FleetStatusDoc,
  'fleet-reconcile-line': FleetReconcileLine,
  'fleet-policy-line': PolicyTelemetryLine,
  'fleet-policy-history-line': PolicyHistoryLine,
  'fleet-policy-governance-line': PolicyGovernanceLine,
  'fleet-handoff-line': HandoffTelemetryLine,
  ...fleetPromotionContracts,
  ...fleetHorizonContracts,
};
