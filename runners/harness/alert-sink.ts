// Delivering an ESCALATE through the alert sink catalog (`alerts sink-config`): the escalation is routed
// like any alert of its category (default `harness_escalation`, severity critical) and sent to every
// dispatchable sink (webhook, slack, pagerduty_events) with the alert dispatcher's own sender, retries
// and redaction. Delivered means every routed sink acknowledged it.
import * as E from 'fp-ts/lib/Either.js';
import type { JsonObject } from '../../lib/alerts/json.js';
import { asDispatchSink, sendToSink } from '../alerts/send.js';
import { loadConfig } from '../alerts/load-config.js';
import { inProcessRouter } from '../alerts/router.js';
import { nodeTransport } from '../alerts/http.js';
import { realSleep } from '../cli/run-clock.js';
import type { DeliveryResult } from '../../lib/harness/escalation.js';

export interface AlertSinkTarget {
  readonly configFile: string;
  readonly category: string;
}

const fail = (detail: string): DeliveryResult => ({ sink: 'alert_sinks', ok: false, detail });

/** Routes and sends one ESCALATE payload; `cwd` resolves a relative catalog path. */
export const deliverToAlertSinks = async (
  target: AlertSinkTarget,
  payload: JsonObject,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<DeliveryResult> => {
  const loaded = await loadConfig(target.configFile, cwd);
  if (E.isLeft(loaded)) return fail(loaded.left.errorLine);
  const asOf = typeof payload['as_of'] === 'string' ? payload['as_of'] : '';
  const escalation = {
    value: payload,
    category: target.category,
    severity: 'critical',
    timestamp: asOf,
    loopId: null,
    traceId: null,
  };
  const routed = await inProcessRouter(loaded, target.configFile, env)(escalation);
  if (routed.kind !== 'routed')
    return fail(routed.kind === 'route_failed' ? routed.message : 'invalid route');
  const sinks = routed.sinks.map(asDispatchSink).filter((s) => s !== null);
  if (!routed.shouldDispatch || sinks.length === 0)
    return fail(`no dispatchable sink routes ${target.category}`);
  const task = String(payload['task_id'] ?? '');
  const alert = {
    repoPath: cwd,
    loopId: task,
    category: target.category,
    severity: routed.severity,
    traceId: '',
    escalationTimestamp: asOf,
    emittedAt: asOf,
    escalation: payload,
  };
  const deps = { env, transport: nodeTransport, sleep: realSleep, retryAttempts: 3, retryBackoffSeconds: 1 };
  const results = [];
  for (const sink of sinks) {
    const sent = await sendToSink(sink, alert, `${task}:${String(payload['cycle'])}:${sink.id}`, deps);
    results.push({ id: sink.id, ...sent.result });
  }
  const detail = results.map((r) => `${r.id} ${r.status}${r.reasonCode === null ? '' : ` ${r.reasonCode}`}`);
  return { sink: 'alert_sinks', ok: results.every((r) => r.status === 'success'), detail: detail.join(', ') };
};
