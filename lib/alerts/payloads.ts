// The request bodies each sink type receives, in the reference's shapes: a versioned envelope for a
// generic webhook, a Slack incoming-webhook message, and a PagerDuty Events API v2 trigger. One
// difference: the Slack section text breaks its line with a real newline where the reference sends the
// two characters `\n`. An escalation record that resolves an earlier one (`escalationAction:
// "resolve"`, written by reconcile when a condition clears) is sent as a resolve: PagerDuty gets
// `event_action: "resolve"` with the dedup key of the raise it closes, Slack and webhooks say resolved.
import { alt, dropNulls, nonEmpty, type JsonObject } from './json.js';

/** What every payload is built from. */
export interface AlertContext {
  readonly repoPath: string;
  /** The escalation's loop id, or the dispatching loop's. */
  readonly loopId: string;
  readonly category: string;
  readonly severity: string;
  /** The escalation's trace id, or the dispatch run's. */
  readonly traceId: string;
  readonly escalationTimestamp: string;
  readonly emittedAt: string;
  readonly escalation: JsonObject;
}

/** Pure: true when the escalation record closes an earlier raise instead of raising. */
export const isResolve = (a: Pick<AlertContext, 'escalation'>): boolean =>
  a.escalation['escalationAction'] === 'resolve';

/** Pure: the generic webhook envelope. */
export const webhookPayload = (a: AlertContext, sink: { id: string; type: string }) => ({
  schemaVersion: 'v1',
  emittedAt: a.emittedAt,
  source: {
    repoPath: a.repoPath,
    loopId: a.loopId,
    channel: 'ops_manager_alert_dispatch',
    traceId: nonEmpty(a.traceId),
  },
  event: { category: a.category, severity: a.severity, action: isResolve(a) ? 'resolve' : 'trigger' },
  sink: { id: sink.id, type: sink.type },
  escalation: a.escalation,
});

const optionalText = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Pure: a Slack incoming-webhook message (channel, username and icon only when configured). */
export const slackPayload = (a: AlertContext, config: Readonly<Record<string, unknown>>) => {
  const tag = isResolve(a) ? '[resolved]' : `[${a.severity}]`;
  const text = `[ops-manager]${tag} ${a.category} loop=${a.loopId} trace=${a.traceId}`;
  const when =
    a.escalationTimestamp.length > 0
      ? `Escalation timestamp: \`${a.escalationTimestamp}\``
      : 'Escalation timestamp unavailable';
  return dropNulls({
    text,
    channel: optionalText(config['channel']),
    username: optionalText(config['username']),
    icon_emoji: optionalText(config['iconEmoji']),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Ops Manager Alert*\nCategory: \`${text}\`` } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: when },
          { type: 'mrkdwn', text: `Trace: \`${a.traceId}\`` },
        ],
      },
    ],
  });
};

/**
 * Pure: PagerDuty's dedup key as the reference forms it: loop, category and escalation timestamp; for
 * a resolve, the timestamp of the raise it closes (`raisedAt`), so PagerDuty closes that incident.
 */
export const pagerdutyDedupKey = (a: AlertContext): string => {
  const raisedAt = a.escalation['raisedAt'];
  const when = isResolve(a) && typeof raisedAt === 'string' ? raisedAt : a.escalationTimestamp;
  return `${a.loopId}:${a.category}:${when}`;
};

/** Pure: a PagerDuty Events API v2 trigger. Holds the routing key: never log it. */
export const pagerdutyPayload = (
  a: AlertContext,
  config: Readonly<Record<string, unknown>>,
  routingKey: string,
) => ({
  routing_key: routingKey,
  event_action: isResolve(a) ? 'resolve' : 'trigger',
  dedup_key: pagerdutyDedupKey(a),
  payload: {
    summary: `ops-manager ${a.category} (${a.severity}) loop=${a.loopId}`,
    severity: a.severity,
    source: alt(config['source'], 'superloop-ops-manager'),
    component: alt(config['component'], 'ops-manager'),
    group: alt(config['group'], 'loop-run'),
    class: alt(config['class'], 'escalation'),
    custom_details: { escalation: a.escalation, traceId: nonEmpty(a.traceId) },
  },
});

/** The reference's Events API endpoint. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
