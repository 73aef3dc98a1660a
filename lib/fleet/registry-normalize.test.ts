// The registry rules, one situation each: every fail-closed message the reference prints, the
// defaults it fills in, and where opsfold does better (false stays false, malformed entries are
// reported instead of crashing the validator, "in the future" is judged at asOf).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { normalizeRegistry, registryErrors } from './registry-normalize.js';

const AS_OF = Date.parse('2026-03-01T00:00:00Z');
const GOV = {
  actor: 'ops-user',
  approvalRef: 'CAB-123',
  rationale: 'dogfood guarded auto',
  changedAt: '2026-02-23T00:00:00Z',
  reviewBy: '2026-12-31T00:00:00Z',
};
const reg = (over: Record<string, unknown> = {}) => ({
  schemaVersion: 'v1',
  loops: [{ loopId: 'loop-a' }],
  ...over,
});
const guarded = (autonomous: Record<string, unknown>) =>
  reg({ policy: { mode: 'guarded_auto', autonomous: { governance: GOV, ...autonomous } } });
const errorsOf = (raw: unknown, asOfMs = AS_OF) => registryErrors(raw, { asOfMs });
const normalized = (raw: unknown) => {
  const r = normalizeRegistry(raw, '/r.json', { asOfMs: AS_OF });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};

describe('given a registry with a structural problem', () => {
  it.each([
    [
      'a wrong schemaVersion',
      { schemaVersion: 'v2', loops: [{ loopId: 'a' }] },
      'schemaVersion must be "v1"',
    ],
    ['a numeric fleetId', reg({ fleetId: 7 }), 'fleetId must be a string when present'],
    ['loops as an object', { schemaVersion: 'v1', loops: { a: 1 } }, 'loops must be an array'],
    ['no loops', { schemaVersion: 'v1', loops: [] }, 'loops must include at least one loop entry'],
    [
      'a duplicate loop id',
      { schemaVersion: 'v1', loops: [{ loopId: 'a' }, { loopId: 'a' }] },
      'loopId values must be unique',
    ],
    ['a string entry', { schemaVersion: 'v1', loops: ['a'] }, 'loops[0]: entry must be an object'],
    [
      'an empty loop id',
      { schemaVersion: 'v1', loops: [{ loopId: '' }] },
      'loops[0]: loopId must be a non-empty string',
    ],
    [
      'a loop id with a slash',
      { schemaVersion: 'v1', loops: [{ loopId: '../x' }] },
      'loops[0]: loopId must be a single path segment (no "/", "\\" or "..")',
    ],
    [
      'a string enabled',
      reg({ loops: [{ loopId: 'a', enabled: 'no' }] }),
      'loops[0]: enabled must be boolean when present',
    ],
    [
      'an object transport',
      reg({ loops: [{ loopId: 'a', transport: { kind: 'x' } }] }),
      'loops[0]: transport must be local or sprite_service',
    ],
    [
      'sprite_service without a base URL',
      reg({ loops: [{ loopId: 'a', transport: 'sprite_service' }] }),
      'loops[0]: sprite_service loops require service.baseUrl or sprite.serviceBaseUrl',
    ],
    [
      'a string sprite',
      reg({ loops: [{ loopId: 'a', sprite: 's' }] }),
      'loops[0]: sprite must be an object when present',
    ],
    [
      'an empty sprite id',
      reg({ loops: [{ loopId: 'a', sprite: { id: '' } }] }),
      'loops[0]: sprite.id must be a non-empty string when present',
    ],
    [
      'a string service',
      reg({ loops: [{ loopId: 'a', service: 'x' }] }),
      'loops[0]: service must be an object when present',
    ],
    [
      'an empty tokenEnv',
      reg({ loops: [{ loopId: 'a', service: { tokenEnv: '' } }] }),
      'loops[0]: service.tokenEnv must be a non-empty string when present',
    ],
    [
      'zero retry attempts',
      reg({ loops: [{ loopId: 'a', service: { retryAttempts: 0 } }] }),
      'loops[0]: service.retryAttempts must be >= 1 when present',
    ],
    [
      'negative backoff',
      reg({ loops: [{ loopId: 'a', service: { retryBackoffSeconds: -1 } }] }),
      'loops[0]: service.retryBackoffSeconds must be >= 0 when present',
    ],
    [
      'array metadata',
      reg({ loops: [{ loopId: 'a', metadata: [] }] }),
      'loops[0]: metadata must be an object when present',
    ],
  ])('with %s it fails closed naming it', (_what, raw, message) => {
    expect(errorsOf(raw)).toContain(message);
  });

  it('with a document that is not an object it fails closed', () => {
    expect(errorsOf([1, 2])).toEqual(['registry must be a JSON object']);
  });
});

describe('given a registry whose policy block is wrong', () => {
  it.each([
    ['a string policy', reg({ policy: 'x' }), 'policy must be an object when present'],
    ['an unknown mode', reg({ policy: { mode: 'auto' } }), 'policy.mode must be advisory or guarded_auto'],
    [
      'string noise controls',
      reg({ policy: { noiseControls: 'x' } }),
      'policy.noiseControls must be an object when present',
    ],
    [
      'a fractional dedupe window',
      reg({ policy: { noiseControls: { dedupeWindowSeconds: 1.5 } } }),
      'policy.noiseControls.dedupeWindowSeconds must be an integer >= 0 when present',
    ],
    [
      'unknown suppression categories',
      reg({ policy: { suppressions: { '*': ['health_critical', 'unknown_category'] } } }),
      'policy.suppressions.* contains unknown categories',
    ],
    [
      'a suppression for an undeclared loop',
      reg({ policy: { suppressions: { 'loop-z': [] } } }),
      'policy.suppressions.loop-z key must reference a declared loopId or *',
    ],
    [
      'a non-array suppression',
      reg({ policy: { suppressions: { '*': 'health_critical' } } }),
      'policy.suppressions.* must be an array',
    ],
    [
      'suppressions as a list',
      reg({ policy: { suppressions: [] } }),
      'policy.suppressions must be an object mapping loopId to category arrays',
    ],
    [
      'unsupported autonomous categories',
      guarded({ allow: { categories: ['health_critical', 'unknown_category'] } }),
      'policy.autonomous.allow.categories contains unsupported categories',
    ],
    [
      'unsupported autonomous intents',
      guarded({ allow: { intents: ['cancel', 'approve'] } }),
      'policy.autonomous.allow.intents contains unsupported intents',
    ],
    [
      'an unknown confidence',
      guarded({ thresholds: { minConfidence: 'certain' } }),
      'policy.autonomous.thresholds.minConfidence must be one of high, medium, low',
    ],
    [
      'a numeric severity',
      guarded({ thresholds: { minSeverity: 3 } }),
      'policy.autonomous.thresholds.minSeverity must be a string when present',
    ],
    [
      'a negative run cap',
      guarded({ safety: { maxActionsPerRun: -1 } }),
      'policy.autonomous.safety.maxActionsPerRun must be an integer >= 0 when present',
    ],
    [
      'a string kill switch',
      guarded({ safety: { killSwitch: 'yes' } }),
      'policy.autonomous.safety.killSwitch must be boolean when present',
    ],
    [
      'canary above 100',
      guarded({ rollout: { canaryPercent: 101 } }),
      'policy.autonomous.rollout.canaryPercent must be an integer between 0 and 100 when present',
    ],
    [
      'a scope naming an undeclared loop',
      guarded({ rollout: { scope: { loopIds: ['loop-a', 'unknown-loop'] } } }),
      'policy.autonomous.rollout.scope.loopIds entries must reference declared loopIds',
    ],
    [
      'a duplicate scope entry',
      guarded({ rollout: { scope: { loopIds: ['loop-a', 'loop-a'] } } }),
      'policy.autonomous.rollout.scope.loopIds entries must be unique',
    ],
    [
      'an empty salt',
      guarded({ rollout: { selector: { salt: '' } } }),
      'policy.autonomous.rollout.selector.salt must be non-empty when present',
    ],
    [
      'a failure threshold above 1',
      guarded({ rollout: { autoPause: { failureRateThreshold: 1.5 } } }),
      'policy.autonomous.rollout.autoPause.failureRateThreshold must be a number between 0 and 1 when present',
    ],
    [
      'a zero lookback',
      guarded({ rollout: { autoPause: { lookbackExecutions: 0 } } }),
      'policy.autonomous.rollout.autoPause.lookbackExecutions must be an integer >= 1 when present',
    ],
    [
      'a string auto-pause flag',
      guarded({ rollout: { autoPause: { enabled: 'no' } } }),
      'policy.autonomous.rollout.autoPause.enabled must be boolean when present',
    ],
  ])('with %s it fails closed naming it', (_what, raw, message) => {
    expect(errorsOf(raw)).toContain(message);
  });

  it('with a string where a nested block belongs it reports instead of crashing', () => {
    const raw = reg({ policy: { autonomous: { allow: 'x', safety: 7, rollout: { scope: 'all' } } } });
    expect(errorsOf(raw)).toEqual([
      'policy.autonomous.allow must be an object when present',
      'policy.autonomous.safety must be an object when present',
      'policy.autonomous.rollout.scope must be an object when present',
    ]);
  });
});

describe('given guarded_auto governance', () => {
  it('without governance every required field is named', () => {
    const errs = errorsOf(
      reg({ policy: { mode: 'guarded_auto', autonomous: { allow: { categories: ['reconcile_failed'] } } } }),
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        'policy.autonomous.governance is required when policy.mode is guarded_auto',
        'policy.autonomous.governance.actor is required when policy.mode is guarded_auto',
        'policy.autonomous.governance.approvalRef is required when policy.mode is guarded_auto',
        'policy.autonomous.governance.rationale is required when policy.mode is guarded_auto',
        'policy.autonomous.governance.changedAt must be an ISO-8601 timestamp when policy.mode is guarded_auto',
        'policy.autonomous.governance.reviewBy must be an ISO-8601 timestamp when policy.mode is guarded_auto',
      ]),
    );
  });

  it('with reviewBy before changedAt it fails closed', () => {
    const errs = errorsOf(
      guarded({ governance: { ...GOV, reviewBy: '2026-02-01T00:00:00Z' } }),
      Date.parse('2026-01-01T00:00:00Z'),
    );
    expect(errs).toContain(
      'policy.autonomous.governance.reviewBy must be after policy.autonomous.governance.changedAt when policy.mode is guarded_auto',
    );
  });

  it('is valid while reviewBy is after asOf and expires once asOf passes it', () => {
    const raw = guarded({});
    expect(errorsOf(raw, Date.parse('2026-12-30T23:59:59Z'))).toEqual([]);
    expect(errorsOf(raw, Date.parse('2026-12-31T00:00:00Z'))).toEqual([
      'policy.autonomous.governance.reviewBy must be in the future when policy.mode is guarded_auto',
    ]);
  });

  it('in advisory mode governance is optional and an expired review is no error', () => {
    expect(
      errorsOf(reg({ policy: { autonomous: { governance: { reviewBy: '2020-01-01T00:00:00Z' } } } })),
    ).toEqual([]);
  });

  it('ignoring review expiry (read-only status) keeps every other rule', () => {
    const raw = guarded({ rollout: { canaryPercent: 101 } });
    expect(
      registryErrors(raw, { asOfMs: Date.parse('2027-06-01T00:00:00Z'), ignoreReviewExpiry: true }),
    ).toEqual(['policy.autonomous.rollout.canaryPercent must be an integer between 0 and 100 when present']);
  });
});

describe('given a valid registry', () => {
  it('normalizes guarded_auto controls with the reference defaults and the review window in days', () => {
    const r = normalized(guarded({ thresholds: { minSeverity: 'warning' } }));
    expect(r.policy.autonomous).toMatchObject({
      enabled: true,
      allow: { categories: ['reconcile_failed', 'health_critical'], intents: ['cancel'] },
      thresholds: { minSeverity: 'warning', minConfidence: 'high' },
      safety: { maxActionsPerRun: 1, maxActionsPerLoop: 1, cooldownSeconds: 300, killSwitch: false },
      governance: { ...GOV, reviewWindowDays: 311 },
      rollout: {
        canaryPercent: 100,
        scope: { loopIds: [] },
        selector: { salt: 'fleet-autonomous-rollout-v1' },
        pause: { manual: false },
        autoPause: {
          enabled: true,
          lookbackExecutions: 5,
          minSampleSize: 3,
          ambiguityRateThreshold: 0.4,
          failureRateThreshold: 0.4,
        },
      },
    });
    expect(r.policy.noiseControls.dedupeWindowSeconds).toBe(300);
    expect(r.fleetId).toBe('default');
  });

  it('keeps enabled: false on a loop and on the auto-pause (the reference turned both back to true)', () => {
    const r = normalized(
      reg({
        loops: [{ loopId: 'a', enabled: false }, { loopId: 'b' }],
        policy: { autonomous: { rollout: { autoPause: { enabled: false } } } },
      }),
    );
    expect(r.loops.map((l) => l.enabled)).toEqual([false, true]);
    expect(r.policy.autonomous.rollout.autoPause.enabled).toBe(false);
  });

  it('fills the service settings of a sprite_service loop from either base URL', () => {
    const r = normalized(
      reg({
        loops: [
          {
            loopId: 'a',
            transport: 'sprite_service',
            sprite: { id: 's-1', serviceBaseUrl: 'http://s:8080' },
          },
        ],
      }),
    );
    expect(r.loops[0]).toEqual({
      loopId: 'a',
      enabled: true,
      transport: 'sprite_service',
      sprite: { id: 's-1', serviceBaseUrl: 'http://s:8080' },
      service: { baseUrl: 'http://s:8080', retryAttempts: 3, retryBackoffSeconds: 1 },
      metadata: {},
    });
  });

  it('filters to one loop, and an unknown loop is an error', () => {
    const raw = reg({ loops: [{ loopId: 'a' }, { loopId: 'b' }] });
    const one = normalizeRegistry(raw, '/r.json', { asOfMs: AS_OF }, 'b');
    expect(E.isRight(one) && one.right.loops.map((l) => l.loopId)).toEqual(['b']);
    expect(normalizeRegistry(raw, '/r.json', { asOfMs: AS_OF }, 'z')).toEqual(E.left({ notFound: 'z' }));
  });
});
