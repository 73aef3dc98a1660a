// What the alerts domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import {
  AlertDispatchState,
  AlertEscalationRow,
  AlertLedgerLine,
  AlertSinkConfigFile,
  AlertTelemetryLine,
} from './codecs.js';
import { decodeLedgerLine, deliveryLedgerProjection } from './ledger.js';

export const alertsProjections: Readonly<Record<string, RegisteredProjection>> = {
  [deliveryLedgerProjection.name]: register(
    deliveryLedgerProjection,
    decodeLedgerLine,
    'opsfold alert-deliveries.jsonl: acknowledged (row, sink) deliveries and rows still owing a delivery.',
  ),
};

export const alertsContracts: Readonly<Record<string, t.Mixed>> = {
  'ops-manager-alert-sinks-config': AlertSinkConfigFile,
  'alert-dispatch-state': AlertDispatchState,
  'alert-dispatch-telemetry-line': AlertTelemetryLine,
  'alert-delivery-ledger-line': AlertLedgerLine,
  'alert-escalation-row': AlertEscalationRow,
};
