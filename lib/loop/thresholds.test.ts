import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  checkCatalog,
  profileNames,
  resolveHeartbeatThresholds,
  resolveProfile,
  resolveThresholds,
  type Catalog,
  type ThresholdRequest,
} from './thresholds.js';

const catalogDoc = {
  schemaVersion: 'v1',
  defaultProfile: 'balanced',
  profiles: {
    strict: {
      degradedIngestLagSeconds: 120,
      criticalIngestLagSeconds: 300,
      degradedTransportFailureStreak: 1,
      criticalTransportFailureStreak: 2,
      description: 'fast',
    },
    balanced: {
      degradedIngestLagSeconds: 300,
      criticalIngestLagSeconds: 900,
      degradedTransportFailureStreak: 2,
      criticalTransportFailureStreak: 4,
    },
    broken: { degradedIngestLagSeconds: 10, criticalIngestLagSeconds: 5 },
  },
};
const catalog = (): Catalog => {
  const c = checkCatalog(catalogDoc);
  if (E.isLeft(c)) throw new Error(c.left.message);
  return c.right;
};
const request = (r: Partial<ThresholdRequest>): ThresholdRequest => ({
  catalog: catalogDoc,
  sourceFile: 'profiles.json',
  flagProfile: null,
  envProfile: null,
  explicit: {},
  ...r,
});
const leftMessage = <A>(e: E.Either<{ message: string }, A>): string =>
  E.isLeft(e) ? e.left.message : `unexpected success: ${JSON.stringify(e.right)}`;

describe('the catalog shape', () => {
  it.each([
    ['another schema version', { ...catalogDoc, schemaVersion: 'v2' }],
    ['no profiles object', { schemaVersion: 'v1', profiles: [] }],
    ['an empty profiles object', { schemaVersion: 'v1', profiles: {} }],
    ['not an object at all', 'balanced'],
  ])('is rejected when it has %s', (_what, doc) => {
    expect(leftMessage(checkCatalog(doc))).toBe('threshold profiles file has invalid shape');
  });
  it('lists profile names sorted', () => {
    expect(profileNames(catalog())).toEqual(['balanced', 'broken', 'strict']);
  });
});

describe('resolving one profile', () => {
  it('falls back to defaultProfile and omits a missing description', () => {
    const r = resolveProfile(catalog(), 'profiles.json', null);
    expect(r).toEqual(
      E.right({
        schemaVersion: 'v1',
        sourceFile: 'profiles.json',
        profile: 'balanced',
        values: {
          degradedIngestLagSeconds: 300,
          criticalIngestLagSeconds: 900,
          degradedTransportFailureStreak: 2,
          criticalTransportFailureStreak: 4,
        },
      }),
    );
  });
  it('keeps the description of the named profile', () => {
    const r = resolveProfile(catalog(), 'f', 'strict');
    expect(E.isRight(r) && r.right.description).toBe('fast');
  });
  it('refuses an unknown profile, and a name inherited from Object.prototype', () => {
    expect(leftMessage(resolveProfile(catalog(), 'f', 'turbo'))).toBe('unknown threshold profile: turbo');
    expect(leftMessage(resolveProfile(catalog(), 'f', 'constructor'))).toBe(
      'unknown threshold profile: constructor',
    );
  });
  it('refuses a profile whose values are missing or out of order', () => {
    expect(leftMessage(resolveProfile(catalog(), 'f', 'broken'))).toBe(
      'threshold profile values are invalid: broken',
    );
  });
  it('refuses when no name is given and there is no defaultProfile', () => {
    const c = { ...catalog(), defaultProfile: null };
    expect(leftMessage(resolveProfile(c, 'f', null))).toBe(
      'profile name is required and defaultProfile is missing',
    );
  });
});

describe('threshold precedence: explicit flag > profile (flag, then env) > catalog default', () => {
  it('uses the catalog default when nothing is selected', () => {
    expect(resolveThresholds(request({}))).toEqual(
      E.right({
        profile: 'balanced',
        degradedIngestLagSeconds: 300,
        criticalIngestLagSeconds: 900,
        degradedTransportFailureStreak: 2,
        criticalTransportFailureStreak: 4,
      }),
    );
  });
  it('uses the environment profile when no flag selects one', () => {
    const r = resolveThresholds(request({ envProfile: 'strict' }));
    expect(E.isRight(r) && [r.right.profile, r.right.degradedIngestLagSeconds]).toEqual(['strict', 120]);
  });
  it('prefers the flag profile over the environment', () => {
    const r = resolveThresholds(request({ flagProfile: 'balanced', envProfile: 'strict' }));
    expect(E.isRight(r) && r.right.profile).toBe('balanced');
  });
  it('treats an empty flag as not given', () => {
    const r = resolveThresholds(request({ flagProfile: '', envProfile: 'strict' }));
    expect(E.isRight(r) && r.right.profile).toBe('strict');
  });
  it('lets an explicit value override only its own key, keeping the profile label', () => {
    const r = resolveThresholds(
      request({ flagProfile: 'strict', explicit: { criticalIngestLagSeconds: '777' } }),
    );
    expect(r).toEqual(
      E.right({
        profile: 'strict',
        degradedIngestLagSeconds: 120,
        criticalIngestLagSeconds: 777,
        degradedTransportFailureStreak: 1,
        criticalTransportFailureStreak: 2,
      }),
    );
  });
  it('rejects a non-integer explicit value as a flag error with the reference wording', () => {
    const r = resolveThresholds(request({ explicit: { degradedTransportFailureStreak: '-1' } }));
    expect(r).toEqual(
      E.left({ kind: 'flag', message: 'degraded-transport-failure-streak must be a non-negative integer' }),
    );
  });
  it('rejects explicit values that put critical below degraded', () => {
    expect(leftMessage(resolveThresholds(request({ explicit: { criticalIngestLagSeconds: '10' } })))).toBe(
      'critical ingest lag threshold must be >= degraded threshold',
    );
    expect(
      leftMessage(
        resolveThresholds(
          request({ flagProfile: 'strict', explicit: { degradedTransportFailureStreak: '3' } }),
        ),
      ),
    ).toBe('critical transport failure threshold must be >= degraded threshold');
  });
  it('reports a fractional catalog value as a catalog error', () => {
    const doc = {
      ...catalogDoc,
      profiles: {
        ...catalogDoc.profiles,
        balanced: { ...catalogDoc.profiles.balanced, degradedIngestLagSeconds: 1.5 },
      },
    };
    expect(resolveThresholds(request({ catalog: doc }))).toEqual(
      E.left({ kind: 'catalog', message: 'degraded-ingest-lag-seconds must be a non-negative integer' }),
    );
  });
  it('fails closed on an unknown selected profile even when every value is explicit', () => {
    const explicit = {
      degradedIngestLagSeconds: '1',
      criticalIngestLagSeconds: '2',
      degradedTransportFailureStreak: '1',
      criticalTransportFailureStreak: '2',
    };
    expect(resolveThresholds(request({ flagProfile: 'turbo', explicit }))).toEqual(
      E.left({ kind: 'catalog', message: 'unknown threshold profile: turbo' }),
    );
  });
});

describe('heartbeat freshness thresholds', () => {
  it('default to 120/300 seconds', () => {
    expect(resolveHeartbeatThresholds({})).toEqual(
      E.right({ degradedHeartbeatLagSeconds: 120, criticalHeartbeatLagSeconds: 300 }),
    );
  });
  it('take explicit values and check their order', () => {
    expect(resolveHeartbeatThresholds({ degradedHeartbeatLagSeconds: '1' })).toEqual(
      E.right({ degradedHeartbeatLagSeconds: 1, criticalHeartbeatLagSeconds: 300 }),
    );
    expect(leftMessage(resolveHeartbeatThresholds({ degradedHeartbeatLagSeconds: '400' }))).toBe(
      'critical heartbeat lag threshold must be >= degraded threshold',
    );
    expect(leftMessage(resolveHeartbeatThresholds({ criticalHeartbeatLagSeconds: 'x' }))).toBe(
      'critical-heartbeat-lag-seconds must be a non-negative integer',
    );
  });
});
