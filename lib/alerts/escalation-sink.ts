// Delivering a harness ESCALATE through the alert sink catalog: the escalation is routed like any
// alert of its category (severity critical) and sent to every dispatchable sink (webhook, slack,
// pagerduty_events) with dispatch's own sender, retries and redaction. Delivered means every routed
// sink acknowledged it. Effects are ports: the catalog reader and the sender's.
import * as E from 'fp-ts/lib/Either.js';
import type { JsonObject } from './json.js';
import { loadConfig } from './load-config.js';
import type { ReadDoc } from './ports.js';
import { inProcessRouter } from './router.js';
import { sendToSink, type SendPorts } from './send.js';
import { asDispatchSink } from './sink-request.js';

export interface EscalationSinkTarget {
  readonly configFile: string;
  readonly category: string;
}

export interface EscalationSinkPorts extends SendPorts {
  readonly readDoc: ReadDoc;
}

export interface EscalationDelivery {
  readonly ok: boolean;
  readonly detail: string;
}

const fail = (detail: string): EscalationDelivery => ({ ok: false, detail });

const escalationOf = (payload: JsonObject, category: string, asOf: string) => ({
  value: payload,
  category,
  severity: 'critical',
  timestamp: asOf,
  loopId: null,
  traceId: null,
});

/** Routes and sends one ESCALATE payload; `repoPath` is reported as the alert's repo. */
export const deliverEscalation = async (
  target: EscalationSinkTarget,
  payload: JsonObject,
  repoPath: string,
  ports: EscalationSinkPorts,
): Promise<EscalationDelivery> => {
  const loaded = await loadConfig(ports.readDoc, target.configFile);
  if (E.isLeft(loaded)) return fail(loaded.left.errorLine);
  const asOf = typeof payload['as_of'] === 'string' ? payload['as_of'] : '';
  const routed = await inProcessRouter(
    loaded,
    target.configFile,
    ports.env,
  )(escalationOf(payload, target.category, asOf));
  if (routed.kind !== 'routed')
    return fail(routed.kind === 'route_failed' ? routed.message : 'invalid route');
  const sinks = routed.sinks.map(asDispatchSink).filter((s) => s !== null);
  if (!routed.shouldDispatch || sinks.length === 0)
    return fail(`no dispatchable sink routes ${target.category}`);
  const task = String(payload['task_id'] ?? '');
  const alert = {
    repoPath,
    loopId: task,
    category: target.category,
    severity: routed.severity,
    traceId: '',
    escalationTimestamp: asOf,
    emittedAt: asOf,
    escalation: payload,
  };
  const results = [];
  for (const sink of sinks) {
    const sent = await sendToSink(sink, alert, `${task}:${String(payload['cycle'])}:${sink.id}`, ports);
    results.push({ id: sink.id, ...sent.result });
  }
  const detail = results.map((r) => `${r.id} ${r.status}${r.reasonCode === null ? '' : ` ${r.reasonCode}`}`);
  return { ok: results.every((r) => r.status === 'success'), detail: detail.join(', ') };
};
