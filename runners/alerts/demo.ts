// The alerts part of `npm run demo`: on a temporary copy of fixtures/alerts, resolve the enabled
// catalog's critical route, dispatch the `incident` loop while PagerDuty is down (a local receiver
// answers 503), dispatch again once it is back (the failed delivery is retried, the rest is not
// resent), then dispatch `bad-rows`. Nothing leaves 127.0.0.1.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateSummaryLine, type DispatchStateDoc } from '../../lib/alerts/dispatch-state.js';
import type { Io } from '../cli/command.js';
import { runCaptured } from '../cli/capture.js';
import { packageRoot } from '../cli/package-root.js';
import { alertsCommands } from './commands.js';
import { startReceiver, type Receiver } from '../../lib/io/receiver.js';

const demoEnv = (rx: Receiver): NodeJS.ProcessEnv => ({
  OPS_MANAGER_ALERT_WEBHOOK_URL: `${rx.url}/webhook/demo-secret-path`,
  OPS_MANAGER_ALERT_WEBHOOK_TOKEN: 'demo-token',
  OPS_MANAGER_ALERT_SLACK_WEBHOOK_URL: `${rx.url}/slack/services/DEMO/SECRET`,
  OPS_MANAGER_ALERT_PAGERDUTY_ROUTING_KEY: 'demo-routing-key',
});

const summary = (label: string, stdout: string): string =>
  stateSummaryLine(label, JSON.parse(stdout) as DispatchStateDoc);

/** Runs the alerts commands on a copy of the fixtures under `work`; returns the lines to print. */
export async function alertsDemo(io: Omit<Io, 'stdout' | 'stderr'>, work: string): Promise<string> {
  const dir = join(work, 'alerts');
  cpSync(join(packageRoot(), 'fixtures', 'alerts'), dir, { recursive: true });
  let pagerdutyUp = false;
  const rx = await startReceiver((path) => (path.startsWith('/pagerduty') && !pagerdutyUp ? 503 : 200));
  try {
    const catalog = join(dir, 'catalogs', 'enabled.json');
    const doc = JSON.parse(readFileSync(catalog, 'utf8')) as {
      sinks: Record<string, Record<string, unknown>>;
    };
    doc.sinks['pagerduty-default']!['eventsUrl'] = `${rx.url}/pagerduty/v2/enqueue`;
    writeFileSync(catalog, JSON.stringify(doc, null, 2));
    const ioHere = { ...io, cwd: dir, env: demoEnv(rx) };
    const run = (argv: string[]) => runCaptured(alertsCommands, argv, ioHere);
    const route = await run([
      'alerts',
      'sink-config',
      '--config-file',
      'catalogs/enabled.json',
      '--category',
      'health_critical',
    ]);
    const sinks = (JSON.parse(route.stdout) as { dispatchableSinks: { id: string }[] }).dispatchableSinks;
    const dispatch = (repo: string) =>
      run([
        'alerts',
        'dispatch',
        '--repo',
        repo,
        '--loop',
        'demo-loop',
        '--alert-config-file',
        'catalogs/enabled.json',
        '--retry-attempts',
        '2',
        '--retry-backoff-seconds',
        '0',
        '--trace-id',
        'demo-trace',
      ]);
    const down = await dispatch('incident');
    pagerdutyUp = true;
    const back = await dispatch('incident');
    const bad = await dispatch('bad-rows');
    const keys = rx.received.filter((r) => r.answer === 200).map((r) => String(r.headers['idempotency-key']));
    return [
      'alerts (fixtures/alerts, receiver on 127.0.0.1):',
      `  health_critical routes to ${sinks.map((s) => s.id).join(', ')}`,
      summary('incident, PagerDuty down', down.stdout),
      summary('incident, PagerDuty back', back.stdout),
      summary('bad-rows', bad.stdout),
      `  ${rx.received.length} requests, ${keys.length} acknowledged, ${keys.length - new Set(keys).size} acknowledged twice`,
      '',
    ].join('\n');
  } finally {
    await rx.close();
  }
}
