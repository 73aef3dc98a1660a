// Advisory candidates from the fleet reconcile results: one per loop and category (reconcile_failed,
// health_critical, health_degraded), with the taxonomy's severity and confidence, suppression by the
// registry (loop scope over the global `*` scope, recorded with its source) and the advisory cooldown
// (a candidate raised unsuppressed within the dedupe window is suppressed as `cooldown`).
// Law: candidates come out sorted by (loopId, category), one per candidateId.
import type { PolicyLoopResult } from './policy-views.js';
import type { Category } from './vocabulary.js';

export interface Profile {
  readonly severity: string;
  readonly confidence: string;
  readonly rationale: string;
}

export const TAXONOMY: Readonly<Record<Category, Profile>> = {
  reconcile_failed: {
    severity: 'critical',
    confidence: 'high',
    rationale: 'Loop reconcile failed in fleet fan-out',
  },
  health_critical: { severity: 'critical', confidence: 'high', rationale: 'Loop health is critical' },
  health_degraded: { severity: 'warning', confidence: 'medium', rationale: 'Loop health is degraded' },
};

/** The intent each category recommends (all three: cancel). */
export const RECOMMENDED_INTENT: Readonly<Record<Category, string>> = {
  reconcile_failed: 'cancel',
  health_critical: 'cancel',
  health_degraded: 'cancel',
};

export interface Cooldown {
  readonly enabled: boolean;
  readonly windowSeconds: number;
  readonly active: boolean;
  readonly remainingSeconds: number;
  readonly lastUnsuppressedAt: string | null;
}

export interface Candidate {
  readonly candidateId: string;
  readonly loopId: string;
  readonly category: Category;
  readonly signal: string;
  readonly traceId: string | null;
  readonly severity: string;
  readonly confidence: string;
  readonly rationale: string;
  readonly taxonomyVersion: 'v1';
  readonly recommendedIntent: string;
  readonly suppressed: boolean;
  readonly suppressionScope: 'loop' | 'global' | 'cooldown' | null;
  readonly suppressionReason: string | null;
  readonly suppressionSource: string | null;
  readonly cooldown: Cooldown;
}

export interface CandidateInputs {
  readonly results: readonly PolicyLoopResult[];
  readonly suppressions: Readonly<Record<string, readonly string[]>>;
  /** Epoch ms of the latest unsuppressed history entry per candidate id. */
  readonly lastUnsuppressedMs: (candidateId: string) => number | null;
  readonly dedupeWindowSeconds: number;
  readonly asOfMs: number;
  readonly isoOf: (ms: number) => string;
}

const signals = (r: PolicyLoopResult): [Category, string][] => {
  const out: [Category, string][] = [];
  if (r.status === 'failed') out.push(['reconcile_failed', 'status_failed']);
  if (r.healthStatus === 'critical') out.push(['health_critical', 'health_critical']);
  if (r.healthStatus === 'degraded') out.push(['health_degraded', 'health_degraded']);
  return out;
};

const scopeOf = (s: CandidateInputs['suppressions'], loopId: string, category: string) => {
  if ((s[loopId] ?? []).includes(category)) return 'loop' as const;
  if ((s['*'] ?? []).includes(category)) return 'global' as const;
  return null;
};

const cooldownOf = (i: CandidateInputs, candidateId: string): Cooldown => {
  const w = i.dedupeWindowSeconds;
  if (w <= 0)
    return { enabled: false, windowSeconds: w, active: false, remainingSeconds: 0, lastUnsuppressedAt: null };
  const last = i.lastUnsuppressedMs(candidateId);
  const age = last === null ? null : Math.floor((i.asOfMs - last) / 1000);
  const active = age !== null && age < w;
  return {
    enabled: true,
    windowSeconds: w,
    active,
    remainingSeconds: active && age !== null ? w - age : 0,
    lastUnsuppressedAt: last === null ? null : i.isoOf(last),
  };
};

const candidateOf = (
  i: CandidateInputs,
  r: PolicyLoopResult & { readonly loopId: string },
  category: Category,
  signal: string,
): Candidate => {
  const loopId = r.loopId;
  const candidateId = `${loopId}:${category}`;
  const scope = scopeOf(i.suppressions, loopId, category);
  const cooldown = cooldownOf(i, candidateId);
  const base = {
    candidateId,
    loopId,
    category,
    signal,
    traceId: r.traceId,
    ...TAXONOMY[category],
    taxonomyVersion: 'v1' as const,
    recommendedIntent: RECOMMENDED_INTENT[category],
    cooldown,
  };
  if (scope !== null)
    return {
      ...base,
      suppressed: true,
      suppressionScope: scope,
      suppressionReason: 'registry_policy_suppression',
      suppressionSource: scope === 'loop' ? 'policy.suppressions.<loopId>' : 'policy.suppressions.*',
    };
  if (cooldown.active)
    return {
      ...base,
      suppressed: true,
      suppressionScope: 'cooldown',
      suppressionReason: 'advisory_cooldown_active',
      suppressionSource: 'policy.noiseControls.dedupeWindowSeconds',
    };
  return {
    ...base,
    suppressed: false,
    suppressionScope: null,
    suppressionReason: null,
    suppressionSource: null,
  };
};

/** Pure: compares strings by code unit (jq's sort order for the ids in use), never by locale. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Pure: the candidates of a fleet state's results, sorted by (loopId, category), unique by id. */
export const candidatesOf = (i: CandidateInputs): Candidate[] => {
  const all = i.results
    .filter((r): r is PolicyLoopResult & { readonly loopId: string } => r.loopId !== undefined)
    .flatMap((r) => signals(r).map(([c, s]) => candidateOf(i, r, c, s)));
  all.sort((a, b) => byCode(a.loopId, b.loopId) || byCode(a.category, b.category));
  const seen = new Set<string>();
  return all.filter((c) => (seen.has(c.candidateId) ? false : (seen.add(c.candidateId), true)));
};
