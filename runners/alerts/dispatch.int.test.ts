// alerts dispatch against real HTTP receivers on 127.0.0.1: what goes over the wire, what telemetry and
// state say, and one given/when/then per reason code of the seed's "Alert Dispatch Reason Codes".
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchAlerts, runDispatch, type DispatchOptions } from './dispatch.js';
import { startReceiver, type Receiver } from './receiver.js';

const asOf = '2026-02-22T12:00:00Z';
const LOOP = 'demo-loop';
let work = '';
let rx: Receiver;
let sleeps: number[] = [];

const ops = () => join(work, 'repo', '.superloop', 'ops-manager', LOOP);
const secrets = () => ({
  HOOK_URL: `${rx.url}/hook/secret-hook-path-123`,
  HOOK_TOKEN: 'tok-abcdef-0123456789',
  SLACK_URL: `${rx.url}/slack/services/T00/B00/slacksecret0099`,
  PD_KEY: 'pd-routing-key-0123456789',
});

type Doc = { [key: string]: unknown };
/** A telemetry or ledger line as read back. */
interface Json extends Doc {
  readonly sinks: Doc[];
}

/** Sets the value at a dotted path of the catalog. */
const patch =
  (dotted: string, value: unknown) =>
  (c: Doc): void => {
    const keys = dotted.split('.');
    const last = keys.pop() as string;
    keys.reduce((o, k) => o[k] as Doc, c)[last] = value;
  };

const catalog = (change: (c: Doc) => void = () => undefined): Doc => {
  const c: Doc = {
    schemaVersion: 'v1',
    defaultMinSeverity: 'warning',
    sinks: {
      hook: {
        enabled: true,
        type: 'webhook',
        urlEnv: 'HOOK_URL',
        authTokenEnv: 'HOOK_TOKEN',
        timeoutSeconds: 1,
        headers: { 'X-Team': 'ops' },
      },
      slack: {
        enabled: true,
        type: 'slack',
        webhookUrlEnv: 'SLACK_URL',
        channel: '#ops-alerts',
        timeoutSeconds: 1,
      },
      pager: {
        enabled: true,
        type: 'pagerduty_events',
        routingKeyEnv: 'PD_KEY',
        eventsUrl: `${rx.url}/pd/v2/enqueue`,
        timeoutSeconds: 1,
      },
    },
    routing: {
      defaultSinks: ['hook'],
      categorySeverity: { health_critical: 'critical', health_degraded: 'warning' },
      routes: [
        { category: 'health_critical', sinks: ['pager', 'slack'], minSeverity: 'critical', enabled: true },
      ],
    },
  };
  change(c);
  writeFileSync(join(work, 'sinks.json'), JSON.stringify(c, null, 2));
  return c;
};

const crit = {
  timestamp: '2026-02-22T11:00:00Z',
  loopId: LOOP,
  category: 'health_critical',
  reasonCodes: ['x'],
};
const degraded = {
  timestamp: '2026-02-22T11:01:00Z',
  loopId: LOOP,
  category: 'health_degraded',
  traceId: 't-7',
};

const escalate = (...rows: (object | string)[]) => {
  mkdirSync(ops(), { recursive: true });
  appendFileSync(
    join(ops(), 'escalations.jsonl'),
    rows.map((r) => `${typeof r === 'string' ? r : JSON.stringify(r)}\n`).join(''),
  );
};

const options = (extra: Partial<DispatchOptions> = {}): DispatchOptions => ({
  cwd: work,
  env: secrets(),
  now: () => Date.parse(asOf),
  asOf,
  repo: 'repo',
  loopId: LOOP,
  alertConfigFile: 'sinks.json',
  traceId: 'trace-fixed',
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  ...extra,
});
const dispatch = (extra: Partial<DispatchOptions> = {}) => runDispatch(options(extra));

const lines = (file: string): Json[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
};
const telemetry = () => lines(join(ops(), 'telemetry', 'alerts.jsonl'));
const ledger = () => lines(join(work, 'repo', '.opsfold', 'loop', LOOP, 'alert-deliveries.jsonl'));
const sentTo = (prefix: string) => rx.received.filter((r) => r.path.startsWith(prefix));

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-dispatch-'));
  mkdirSync(join(work, 'repo'));
  rx = await startReceiver();
  sleeps = [];
});
afterEach(async () => {
  await rx.close();
  rmSync(work, { recursive: true, force: true });
});

describe('given a critical and a degraded escalation and healthy sinks', () => {
  it('sends PagerDuty and Slack for the critical one, the webhook for the other, and reports both dispatched', async () => {
    catalog();
    escalate(crit, degraded);
    const { state } = await dispatch();
    expect(state).toMatchObject({
      status: 'success',
      processedCount: 2,
      dispatchedCount: 2,
      skippedCount: 0,
      failedCount: 0,
      failureReasonCodes: [],
      escalationsLineOffset: 2,
      escalationsLineCount: 2,
    });
    expect(rx.received.map((r) => r.path)).toEqual([
      '/pd/v2/enqueue',
      '/slack/services/T00/B00/slacksecret0099',
      '/hook/secret-hook-path-123',
    ]);
    const [first, second] = telemetry();
    expect(first).toMatchObject({
      status: 'dispatched',
      escalationCategory: 'health_critical',
      eventSeverity: 'critical',
      sinkCount: 2,
      dispatchedSinkCount: 2,
      failedSinkCount: 0,
      escalationTraceId: 'trace-fixed',
    });
    expect('reasonCode' in first!).toBe(false);
    expect(second).toMatchObject({ status: 'dispatched', escalationTraceId: 't-7', loopId: LOOP });
  });

  it('puts the reference payloads on the wire, with the token, custom headers and an Idempotency-Key', async () => {
    catalog();
    escalate(crit, degraded);
    await dispatch();
    const pd = JSON.parse(sentTo('/pd')[0]!.body);
    expect(pd).toMatchObject({
      routing_key: 'pd-routing-key-0123456789',
      event_action: 'trigger',
      dedup_key: `${LOOP}:health_critical:2026-02-22T11:00:00Z`,
      payload: {
        severity: 'critical',
        source: 'superloop-ops-manager',
        custom_details: { escalation: crit },
      },
    });
    const slack = JSON.parse(sentTo('/slack')[0]!.body);
    expect(slack.text).toBe(`[ops-manager][critical] health_critical loop=${LOOP} trace=trace-fixed`);
    expect(slack.channel).toBe('#ops-alerts');
    const hook = sentTo('/hook')[0]!;
    expect(JSON.parse(hook.body)).toMatchObject({
      schemaVersion: 'v1',
      emittedAt: asOf,
      source: {
        repoPath: join(work, 'repo'),
        loopId: LOOP,
        channel: 'ops_manager_alert_dispatch',
        traceId: 't-7',
      },
      event: { category: 'health_degraded', severity: 'warning' },
      sink: { id: 'hook', type: 'webhook' },
      escalation: degraded,
    });
    expect(hook.headers['authorization']).toBe('Bearer tok-abcdef-0123456789');
    expect(hook.headers['x-team']).toBe('ops');
    expect(hook.headers['content-type']).toBe('application/json');
    const keys = telemetry().flatMap((l) => l.sinks.map((s) => s['dedupeKey']));
    expect(rx.received.map((r) => r.headers['idempotency-key'])).toEqual(keys);
  });

  it('records each acknowledged delivery in the ledger, and a second run sends nothing', async () => {
    catalog();
    escalate(crit, degraded);
    await dispatch();
    expect(ledger().filter((e) => e['type'] === 'delivered')).toHaveLength(3);
    const again = await dispatch();
    expect([again.state.status, again.state.processedCount, rx.received.length]).toEqual([
      'no_new_escalations',
      0,
      3,
    ]);
  });
});

describe('invalid_escalation_json and missing_escalation_category', () => {
  it('are recorded and passed; a blank line is skipped; the cursor moves past all of them', async () => {
    catalog();
    escalate('not-json', { timestamp: 't' }, '   ', crit);
    const { state } = await dispatch();
    expect(state).toMatchObject({
      processedCount: 4,
      failedCount: 2,
      skippedCount: 1,
      dispatchedCount: 1,
      status: 'partial',
      failureReasonCodes: ['invalid_escalation_json', 'missing_escalation_category'],
      escalationsLineOffset: 4,
    });
    expect(telemetry().map((l) => [l['reasonCode'] ?? null, l['rawLine'] ?? null])).toEqual([
      ['invalid_escalation_json', 'not-json'],
      ['missing_escalation_category', null],
      [null, null],
    ]);
  });
});

describe('route_resolution_failed', () => {
  it('when the catalog is missing: every row fails routing, then is delivered once the catalog is back', async () => {
    escalate(crit);
    const first = await dispatch();
    expect(first.state).toMatchObject({ status: 'failed', failureReasonCodes: ['route_resolution_failed'] });
    expect(telemetry()[0]).toMatchObject({
      reasonCode: 'route_resolution_failed',
      message: 'error: alert sink config file not found: sinks.json',
      retryPending: true,
      deliveryRun: 1,
    });
    catalog();
    const second = await dispatch();
    expect(second.state).toMatchObject({
      status: 'success',
      processedCount: 0,
      retry: { rows: 1, dispatched: 1, failed: 0, pending: 0 },
    });
    expect(telemetry()[1]).toMatchObject({ status: 'dispatched', deliveryRun: 2, escalationLine: 1 });
    expect(sentTo('/pd')).toHaveLength(1);
  });

  it('when the escalation names a severity outside the list (the row is at fault: not retried)', async () => {
    catalog();
    escalate({ ...crit, severity: 'loud' });
    await dispatch();
    expect(telemetry()[0]).toMatchObject({
      reasonCode: 'route_resolution_failed',
      message: 'error: --severity must be one of: info, warning, critical',
      retryPending: false,
    });
  });

  it('when the catalog is invalid: the stage error line is the message', async () => {
    catalog(patch('routing.defaultSinks', ['nope']));
    escalate(crit);
    await dispatch();
    expect(telemetry()[0]?.['message']).toBe('error: alert sink config routing is invalid');
  });
});

describe('severity_below_min and no_dispatchable_sinks', () => {
  it('skip the row without sending, with zero sink counts', async () => {
    catalog(patch('sinks.hook.enabled', false));
    escalate({ ...crit, severity: 'warning' }, degraded);
    const { state } = await dispatch();
    expect(state).toMatchObject({ status: 'success', skippedCount: 2, failedCount: 0 });
    expect(telemetry().map((l) => [l['status'], l['reasonCode'], l['sinkCount']])).toEqual([
      ['skipped', 'severity_below_min', 0],
      ['skipped', 'no_dispatchable_sinks', 0],
    ]);
    expect(rx.received).toHaveLength(0);
  });
});

describe('missing_secret and partial_dispatch_failure', () => {
  it('an enabled sink without its secret fails alone; the other sink still gets the alert', async () => {
    catalog();
    escalate(crit);
    const env = { ...secrets(), PD_KEY: '' };
    const { state } = await dispatch({ env });
    expect(state).toMatchObject({
      status: 'partial',
      dispatchedCount: 1,
      failedCount: 1,
      failureReasonCodes: ['missing_secret'],
    });
    const line = telemetry()[0]!;
    expect([
      line['status'],
      line['reasonCode'],
      line['dispatchedSinkCount'],
      line['failedSinkCount'],
    ]).toEqual(['partial', 'partial_dispatch_failure', 1, 1]);
    expect(line['sinks'][0]).toMatchObject({
      id: 'pager',
      reasonCode: 'missing_secret',
      message: 'pagerduty routing key env is unset',
    });
    expect(sentTo('/pd')).toHaveLength(0);
  });
});

describe('http_error and dispatch_failed', () => {
  it('retries a 500 with backoff, fails the row, and the next run delivers it (without resending what succeeded)', async () => {
    catalog();
    escalate(crit);
    rx.answer = (path) => (path.startsWith('/pd') ? 500 : 200);
    const first = await dispatch({ retryAttempts: 3, retryBackoffSeconds: 1 });
    expect(sleeps).toEqual([1000, 2000]);
    expect(sentTo('/pd')).toHaveLength(3);
    expect(first.state).toMatchObject({
      status: 'partial',
      failureReasonCodes: ['http_error'],
      retry: { pending: 1 },
    });
    expect(telemetry()[0]!['sinks'][0]).toMatchObject({
      reasonCode: 'http_error',
      httpStatus: 500,
      attempts: 3,
    });
    rx.answer = () => 200;
    const second = await dispatch();
    expect(second.state).toMatchObject({ status: 'success', retry: { rows: 1, dispatched: 1, pending: 0 } });
    expect([sentTo('/pd').length, sentTo('/slack').length]).toEqual([4, 1]);
    expect(telemetry()[1]!['sinks']).toMatchObject([
      { id: 'pager', status: 'success', attempts: 1 },
      { id: 'slack', status: 'success', deduplicated: true, attempts: 0 },
    ]);
  });

  it('a 4xx is not retried within the run, and the row is dispatch_failed when no sink succeeded', async () => {
    catalog();
    escalate(degraded);
    rx.answer = () => 404;
    const { state } = await dispatch({ retryAttempts: 3 });
    expect([sentTo('/hook').length, sleeps]).toEqual([1, []]);
    expect(state).toMatchObject({ status: 'failed', failureReasonCodes: ['http_error'] });
    expect(telemetry()[0]).toMatchObject({ status: 'failed', reasonCode: 'dispatch_failed' });
  });
});

describe('request_failed', () => {
  it('when the receiver never answers: the client times out', async () => {
    catalog();
    escalate(degraded);
    rx.answer = () => 'hang';
    const { state } = await dispatch({ retryAttempts: 1 });
    expect(state.failureReasonCodes).toEqual(['request_failed']);
    expect(telemetry()[0]!['sinks'][0]).toMatchObject({ reasonCode: 'request_failed', httpStatus: null });
    expect(telemetry()[0]!.sinks[0]?.['message']).toMatch(/timed out/);
  });

  it('when nothing listens on the port', async () => {
    catalog();
    escalate(degraded);
    const env = { ...secrets(), HOOK_URL: 'http://127.0.0.1:1/hook-secret-path' };
    const { state } = await dispatch({ env, retryAttempts: 2 });
    expect([state.failureReasonCodes, sleeps]).toEqual([['request_failed'], [1000]]);
  });
});

describe('sink_dispatch_failed and invalid_sink_result', () => {
  it('a transport that throws is sink_dispatch_failed; one that answers nonsense is invalid_sink_result', async () => {
    catalog();
    escalate(crit, degraded);
    let n = 0;
    const transport = async () => {
      n += 1;
      if (n === 1) throw new Error('socket exploded');
      return { weird: true };
    };
    const { state } = await dispatch({ transport });
    expect(state.failureReasonCodes).toEqual(['invalid_sink_result', 'sink_dispatch_failed']);
    expect(telemetry()[0]!.sinks.map((s) => s['reasonCode'])).toEqual([
      'sink_dispatch_failed',
      'invalid_sink_result',
    ]);
  });
});

describe('with an external resolver (OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT)', () => {
  const resolver = (body: string) => {
    const f = join(work, 'resolver.sh');
    writeFileSync(f, `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(f, 0o755);
    return f;
  };

  it('invalid_route_resolution when it prints something that is not a JSON object', async () => {
    escalate(crit);
    const env = { ...secrets(), OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT: resolver('echo "not json"') };
    const { state } = await dispatch({ env });
    expect(state.failureReasonCodes).toEqual(['invalid_route_resolution']);
    expect(telemetry()[0]).toMatchObject({ reasonCode: 'invalid_route_resolution', message: 'not json' });
  });

  it('route_resolution_failed with its output when it exits non-zero', async () => {
    escalate(crit);
    const env = {
      ...secrets(),
      OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT: resolver('echo "error: boom" >&2; exit 1'),
    };
    await dispatch({ env });
    expect(telemetry()[0]).toMatchObject({ reasonCode: 'route_resolution_failed', message: 'error: boom' });
  });

  it('unsupported_sink_type for a sink type dispatch cannot send to; invalid_sink_result for a malformed entry', async () => {
    escalate(crit);
    const out = JSON.stringify({
      shouldDispatch: true,
      eventSeverity: 'critical',
      dispatchableSinks: [{ id: 'mail', type: 'email', secretRefs: {}, config: {} }, 42],
    });
    const env = { ...secrets(), OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT: resolver(`echo '${out}'`) };
    const { state } = await dispatch({ env });
    expect(state.failureReasonCodes).toEqual(['invalid_sink_result', 'unsupported_sink_type']);
    expect(telemetry()[0]!['sinks'][0]).toMatchObject({
      reasonCode: 'unsupported_sink_type',
      message: 'unsupported sink type: email',
    });
  });

  it('receives the reference arguments', async () => {
    escalate({ ...crit, severity: 'critical' });
    const env = {
      ...secrets(),
      OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT: resolver(`echo "$@" > "${work}/args"; exit 3`),
    };
    await dispatch({ env });
    expect(readFileSync(join(work, 'args'), 'utf8').trim()).toBe(
      '--config-file sinks.json --category health_critical --severity critical',
    );
  });
});

describe('alert_dispatch_failed', () => {
  it('when the pass itself fails (cursor ahead of the file), reconcile’s entry point records it and does not throw', async () => {
    catalog();
    escalate(crit);
    mkdirSync(ops(), { recursive: true });
    writeFileSync(join(ops(), 'alert-dispatch-state.json'), JSON.stringify({ escalationsLineOffset: 9 }));
    const pass = await dispatchAlerts(options());
    expect(pass).toEqual({
      status: 'failed_command',
      message: expect.stringMatching(/^error: dispatch state offset is ahead of escalation file: 9 > 1\n/),
    });
    expect(telemetry()).toEqual([
      {
        timestamp: asOf,
        loopId: LOOP,
        category: 'alert_dispatch',
        status: 'failed_command',
        reasonCode: 'alert_dispatch_failed',
        message: expect.stringContaining('offset is ahead'),
      },
    ]);
  });
});
