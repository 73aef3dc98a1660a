// The bodies each sink type receives.
import { describe, expect, it } from 'vitest';
import {
  pagerdutyDedupKey,
  pagerdutyPayload,
  slackPayload,
  webhookPayload,
  type AlertContext,
} from './payloads.js';

const alert: AlertContext = {
  repoPath: '/repo',
  loopId: 'demo-loop',
  category: 'health_critical',
  severity: 'critical',
  traceId: 't-1',
  escalationTimestamp: '2026-02-22T11:00:00Z',
  emittedAt: '2026-02-22T12:00:00Z',
  escalation: { category: 'health_critical', reasonCodes: ['ingest_stale'] },
};

describe('a webhook', () => {
  it('gets the versioned envelope naming source, event, sink and the escalation', () => {
    expect(webhookPayload(alert, { id: 'hook', type: 'webhook' })).toEqual({
      schemaVersion: 'v1',
      emittedAt: '2026-02-22T12:00:00Z',
      source: {
        repoPath: '/repo',
        loopId: 'demo-loop',
        channel: 'ops_manager_alert_dispatch',
        traceId: 't-1',
      },
      event: { category: 'health_critical', severity: 'critical', action: 'trigger' },
      sink: { id: 'hook', type: 'webhook' },
      escalation: alert.escalation,
    });
  });
});

describe('a Slack webhook', () => {
  it('gets the text line and blocks; channel, username and icon only when configured', () => {
    const p = slackPayload(alert, { channel: '#ops', username: null, iconEmoji: '' });
    const text = '[ops-manager][critical] health_critical loop=demo-loop trace=t-1';
    expect(p).toEqual({
      text,
      channel: '#ops',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `*Ops Manager Alert*\nCategory: \`${text}\`` } },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'Escalation timestamp: `2026-02-22T11:00:00Z`' },
            { type: 'mrkdwn', text: 'Trace: `t-1`' },
          ],
        },
      ],
    });
  });

  it('says the timestamp is unavailable when the escalation has none', () => {
    const p = slackPayload({ ...alert, escalationTimestamp: '' }, {}) as {
      blocks: { elements?: { text: string }[] }[];
    };
    expect(p.blocks[1]?.elements?.[0]?.text).toBe('Escalation timestamp unavailable');
  });
});

describe('PagerDuty', () => {
  it('gets an Events v2 trigger deduplicated by loop, category and escalation timestamp', () => {
    const p = pagerdutyPayload(alert, { source: 'src', component: null }, 'rk-secret');
    expect(p).toEqual({
      routing_key: 'rk-secret',
      event_action: 'trigger',
      dedup_key: 'demo-loop:health_critical:2026-02-22T11:00:00Z',
      payload: {
        summary: 'ops-manager health_critical (critical) loop=demo-loop',
        severity: 'critical',
        source: 'src',
        component: 'ops-manager',
        group: 'loop-run',
        class: 'escalation',
        custom_details: { escalation: alert.escalation, traceId: 't-1' },
      },
    });
    expect(pagerdutyDedupKey(alert)).toBe(p.dedup_key);
  });
});

describe('an escalation that resolves an earlier raise', () => {
  const resolved: AlertContext = {
    ...alert,
    escalationTimestamp: '2026-02-22T11:30:00Z',
    escalation: { ...alert.escalation, escalationAction: 'resolve', raisedAt: '2026-02-22T11:00:00Z' },
  };

  it('resolves the PagerDuty incident the raise opened (same dedup key)', () => {
    const raise = pagerdutyPayload(alert, {}, 'rk');
    const close = pagerdutyPayload(resolved, {}, 'rk');
    expect(close.event_action).toBe('resolve');
    expect(raise.event_action).toBe('trigger');
    expect(close.dedup_key).toBe(raise.dedup_key);
    expect(pagerdutyDedupKey(resolved)).toBe('demo-loop:health_critical:2026-02-22T11:00:00Z');
  });

  it('says resolved to Slack and to webhooks', () => {
    expect(slackPayload(resolved, {}).text).toBe(
      '[ops-manager][resolved] health_critical loop=demo-loop trace=t-1',
    );
    expect(webhookPayload(resolved, { id: 'hook', type: 'webhook' }).event.action).toBe('resolve');
  });
});
