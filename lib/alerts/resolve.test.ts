// Route resolution: which sinks a category goes to, at which severity, and whether it dispatches.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateConfig, type AlertSinkConfig } from './config.js';
import {
  catalogSummary,
  envRefsOf,
  envStatusOf,
  missingEnabledSecrets,
  resolveRoute,
  sinkListLines,
  type RouteResolution,
} from './resolve.js';

const config = (routes: unknown[], extra: Record<string, unknown> = {}): AlertSinkConfig => {
  const r = validateConfig({
    schemaVersion: 'v1',
    defaultMinSeverity: 'warning',
    sinks: {
      hook: { enabled: true, type: 'webhook', urlEnv: 'HOOK_URL', authTokenEnv: 'HOOK_TOKEN' },
      chat: { enabled: false, type: 'slack', webhookUrlEnv: 'CHAT_URL', channel: '#ops' },
      pager: { enabled: true, type: 'pagerduty_events', routingKeyEnv: 'PD_KEY', ...extra },
    },
    routing: {
      defaultSinks: ['hook'],
      categorySeverity: { health_critical: 'critical', noisy: 'info' },
      routes,
    },
  });
  if (E.isLeft(r)) throw new Error(r.left.detail);
  return r.right;
};

const resolve = (c: AlertSinkConfig, category: string, severity: string | null = null): RouteResolution => {
  const r = resolveRoute(c, {
    category,
    severity,
    sourceFile: 'sinks.json',
    envStatus: {},
    envCheckEnabled: true,
  });
  if (E.isLeft(r)) throw new Error(r.left);
  return r.right;
};

const ids = (sinks: readonly { id: string }[]) => sinks.map((s) => s.id);

describe('given a route for the category', () => {
  const c = config([
    { category: 'health_critical', sinks: ['pager', 'chat'], minSeverity: 'critical', enabled: true },
  ]);

  it('selects the route sinks and dispatches only to the enabled ones', () => {
    const r = resolve(c, 'health_critical');
    expect([ids(r.selectedSinks), ids(r.dispatchableSinks)]).toEqual([['pager', 'chat'], ['pager']]);
    expect([r.eventSeverity, r.categoryMappedSeverity, r.minSeverity, r.shouldDispatch]).toEqual([
      'critical',
      'critical',
      'critical',
      true,
    ]);
    expect(r.route).toEqual({
      category: 'health_critical',
      sinks: ['pager', 'chat'],
      minSeverity: 'critical',
      enabled: true,
    });
  });

  it('does not dispatch an event below the route minimum, and lists no dispatchable sink', () => {
    const r = resolve(c, 'health_critical', 'warning');
    expect([r.shouldDispatch, r.dispatchableSinks]).toEqual([false, []]);
  });

  it('fails with the reference wording for a severity outside the list', () => {
    const r = resolveRoute(c, {
      category: 'x',
      severity: 'loud',
      sourceFile: '',
      envStatus: {},
      envCheckEnabled: true,
    });
    expect(r).toEqual(E.left('--severity must be one of: info, warning, critical'));
  });
});

describe('given no route for the category', () => {
  const c = config([]);
  it('falls back to the default sinks and the default minimum, with no route key', () => {
    const r = resolve(c, 'divergence_detected');
    expect([ids(r.dispatchableSinks), r.minSeverity, r.eventSeverity, 'route' in r]).toEqual([
      ['hook'],
      'warning',
      'warning',
      false,
    ]);
    expect('categoryMappedSeverity' in r).toBe(false);
  });

  it('uses the category mapping when the event has no severity of its own', () => {
    expect(resolve(c, 'noisy').shouldDispatch).toBe(false);
    expect(resolve(c, 'noisy', 'critical').shouldDispatch).toBe(true);
  });
});

describe('when the only route for the category is disabled', () => {
  it('is skipped: the category goes to the default sinks at the default minimum', () => {
    const c = config([
      { category: 'health_critical', sinks: ['pager'], minSeverity: 'critical', enabled: false },
    ]);
    const r = resolve(c, 'health_critical', 'warning');
    expect([ids(r.dispatchableSinks), r.minSeverity, 'route' in r]).toEqual([['hook'], 'warning', false]);
  });
});

describe('a route with no sinks of its own', () => {
  it('uses the default sinks but keeps its own minimum', () => {
    const r = resolve(config([{ category: 'x', minSeverity: 'critical' }]), 'x', 'critical');
    expect([ids(r.dispatchableSinks), r.minSeverity]).toEqual([['hook'], 'critical']);
  });
});

describe('resolved sinks', () => {
  it('carry the reference defaults (timeout 5, PagerDuty source) and a configured events URL', () => {
    const c = config([{ category: 'x', sinks: ['pager', 'chat', 'hook'] }], {
      eventsUrl: 'https://eu.example/v2',
    });
    const [pager, chat, hook] = resolve(c, 'x').selectedSinks;
    expect(pager).toMatchObject({
      timeoutSeconds: 5,
      secretRefs: { routingKeyEnv: 'PD_KEY' },
      config: { source: 'superloop-ops-manager', component: null, eventsUrl: 'https://eu.example/v2' },
    });
    expect(chat?.config).toEqual({ channel: '#ops', username: null, iconEmoji: null });
    expect(hook).toMatchObject({
      secretRefs: { urlEnv: 'HOOK_URL', authTokenEnv: 'HOOK_TOKEN' },
      config: { headers: {} },
    });
  });
});

describe('secret env refs', () => {
  const c = config([]);
  it('are listed sorted, and only enabled sinks are required', () => {
    expect(envRefsOf(c, false)).toEqual(['CHAT_URL', 'HOOK_TOKEN', 'HOOK_URL', 'PD_KEY']);
    expect(missingEnabledSecrets(c, (n) => n === 'HOOK_URL')).toEqual(['HOOK_TOKEN', 'PD_KEY']);
    expect(envStatusOf(c, (n) => n === 'PD_KEY')).toEqual({
      CHAT_URL: { present: false },
      HOOK_TOKEN: { present: false },
      HOOK_URL: { present: false },
      PD_KEY: { present: true },
    });
  });

  it('summarize the catalog with the enabled count and list lines', () => {
    const s = catalogSummary(c, { sourceFile: 'f', envStatus: {}, envCheckEnabled: false });
    expect([s.enabledSinkCount, s.sinks.map((x) => x.id), s.validation]).toEqual([
      2,
      ['hook', 'chat', 'pager'],
      { envCheckEnabled: false },
    ]);
    expect(sinkListLines(c)).toBe('hook\twebhook\ttrue\nchat\tslack\tfalse\npager\tpagerduty_events\ttrue\n');
  });
});
