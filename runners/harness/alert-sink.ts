// Delivering an ESCALATE through the alert sink catalog (`alerts sink-config`): lib/alerts routes and
// sends it; this passes the node adapters (the catalog read relative to cwd, HTTP, a real sleep).
import { resolve } from 'node:path';
import * as t from 'io-ts';
import {
  deliverEscalation,
  type EscalationSinkTarget as AlertSinkTarget,
} from '../../lib/alerts/escalation-sink.js';
import type { JsonObject } from '../../lib/alerts/json.js';
import type { DeliveryResult } from '../../lib/harness/escalation.js';
import { nodeTransport } from '../../lib/io/http.js';
import { readDocument } from '../../lib/io/store.js';
import { realSleep } from '../cli/run-clock.js';

/** Routes and sends one ESCALATE payload; `cwd` resolves a relative catalog path. */
export const deliverToAlertSinks = async (
  target: AlertSinkTarget,
  payload: JsonObject,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<DeliveryResult> => {
  const readDoc = (file: string) => readDocument(resolve(cwd, file), t.unknown);
  const ports = {
    env,
    readDoc,
    transport: nodeTransport,
    sleep: realSleep,
    retryAttempts: 3,
    retryBackoffSeconds: 1,
  };
  const r = await deliverEscalation(target, payload, cwd, ports);
  return { sink: 'alert_sinks', ...r };
};
