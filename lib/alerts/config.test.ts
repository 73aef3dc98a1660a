// The catalog is validated fail-closed in the reference's three stages; each stage has its own error line.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_ERRORS, validateConfig } from './config.js';

type Doc = { [key: string]: unknown };

/** A change to the catalog: set the value at a dotted path, or delete the key when no value is given. */
const patch =
  (dotted: string, ...value: unknown[]) =>
  (c: Doc): void => {
    const keys = dotted.split('.');
    const last = keys.pop() as string;
    const parent = keys.reduce((o, k) => o[k] as Doc, c);
    if (value.length === 0) delete parent[last];
    else parent[last] = value[0];
  };

const catalog = (change: (c: Doc) => void = () => undefined) => {
  const c: Doc = {
    schemaVersion: 'v1',
    defaultMinSeverity: 'warning',
    sinks: {
      hook: {
        enabled: true,
        type: 'webhook',
        urlEnv: 'HOOK_URL',
        authTokenEnv: 'HOOK_TOKEN',
        headers: { 'X-A': 'b' },
      },
      chat: { enabled: false, type: 'slack', webhookUrlEnv: 'CHAT_URL', timeoutSeconds: 3 },
      pager: { enabled: true, type: 'pagerduty_events', routingKeyEnv: 'PD_KEY' },
    },
    routing: {
      defaultSinks: ['hook'],
      categorySeverity: { health_critical: 'critical' },
      routes: [{ category: 'health_critical', sinks: ['pager', 'chat'], minSeverity: 'critical' }],
    },
  };
  change(c);
  return c;
};

const problemOf = (c: unknown) => {
  const r = validateConfig(c);
  return E.isLeft(r) ? r.left : null;
};

describe('given a well-formed catalog', () => {
  it('is accepted with its sinks in file order and routes typed', () => {
    const r = validateConfig(catalog());
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(r.right.sinks.map((s) => [s.id, s.type, s.enabled])).toEqual([
        ['hook', 'webhook', true],
        ['chat', 'slack', false],
        ['pager', 'pagerduty_events', true],
      ]);
      expect(r.right.routes[0]).toMatchObject({
        category: 'health_critical',
        enabled: true,
        sinks: ['pager', 'chat'],
      });
    }
  });

  it('reads a route with "enabled": false as disabled (the reference reads it as enabled)', () => {
    const r = validateConfig(catalog(patch('routing.routes.0.enabled', false)));
    expect(E.isRight(r) && r.right.routes[0]?.enabled).toBe(false);
  });

  it('accepts an absent routes list and a null authTokenEnv, as jq `//` does', () => {
    expect(problemOf(catalog(patch('routing.routes')))).toBeNull();
    expect(problemOf(catalog(patch('sinks.hook.authTokenEnv', null)))).toBeNull();
  });
});

describe('when the top-level shape is wrong', () => {
  it.each([
    ['not an object', () => []],
    ['another schema version', () => catalog(patch('schemaVersion', 'v2'))],
    ['an unknown default severity', () => catalog(patch('defaultMinSeverity', 'loud'))],
    ['no sinks', () => catalog(patch('sinks', {}))],
    ['routing not an object', () => catalog(patch('routing', []))],
    ['defaultSinks missing', () => catalog(patch('routing.defaultSinks'))],
    ['categorySeverity missing', () => catalog(patch('routing.categorySeverity'))],
    ['routes not an array', () => catalog(patch('routing.routes', {}))],
  ])('%s → the shape error line', (_name, make) => {
    expect(problemOf(make())?.errorLine).toBe(CONFIG_ERRORS.shape);
  });
});

describe('when a sink definition is wrong', () => {
  it.each([
    ['enabled is not a boolean', patch('sinks.hook.enabled', 'yes'), '$.sinks["hook"].enabled'],
    ['the type is unknown', patch('sinks.hook.type', 'email'), '$.sinks["hook"].type'],
    [
      'the timeout is out of range',
      patch('sinks.chat.timeoutSeconds', 121),
      '$.sinks["chat"].timeoutSeconds',
    ],
    ['a webhook has no url env', patch('sinks.hook.urlEnv'), '$.sinks["hook"].urlEnv'],
    ['an env name is lower case', patch('sinks.hook.urlEnv', 'hook_url'), '$.sinks["hook"].urlEnv'],
    ['a header is not a string', patch('sinks.hook.headers', { a: 1 }), '$.sinks["hook"].headers'],
    ['slack has no webhook env', patch('sinks.chat.webhookUrlEnv'), '$.sinks["chat"].webhookUrlEnv'],
    [
      'pagerduty has no routing key env',
      patch('sinks.pager.routingKeyEnv'),
      '$.sinks["pager"].routingKeyEnv',
    ],
    ['a sink is not an object', patch('sinks.hook', 'x'), '$.sinks["hook"]: expected an object'],
  ])('%s → the sink error line, naming the field', (_name, patch, path) => {
    const p = problemOf(catalog(patch));
    expect(p?.errorLine).toBe(CONFIG_ERRORS.sinks);
    expect(p?.detail).toContain(path);
  });
});

describe('when routing is wrong', () => {
  it.each([
    ['a default sink is not defined', patch('routing.defaultSinks', ['nope'])],
    ['a route names an undefined sink', patch('routing.routes.0.sinks', ['nope'])],
    ['a route has an empty category', patch('routing.routes.0.category', '')],
    ['a route has a non-boolean enabled', patch('routing.routes.0.enabled', 0)],
    ['a route has an unknown min severity', patch('routing.routes.0.minSeverity', 'loud')],
    ['a category maps to an unknown severity', patch('routing.categorySeverity.x', 'loud')],
    ['a default sink id is a prototype key', patch('routing.defaultSinks', ['__proto__'])],
  ])('%s → the routing error line', (_name, patch) => {
    expect(problemOf(catalog(patch))?.errorLine).toBe(CONFIG_ERRORS.routing);
  });
});
