// What promotion decides on, read through ports: the fleet status facts (from the fleet's state files as
// `fleet status` would report them, or from a status file named by flag), the handoff window and the
// auto-pause streak folded whole (a corrupt line is evidence, not an error) and the drill state. Missing
// evidence files are evidence (reason codes), as in the reference; a missing fleet state or a broken
// registry or state document is a FleetError, because no status can be derived from them.
import type { Projection } from '../core/projection.js';
import type { CorruptItem } from '../io/fold-source.js';
import { FleetError } from './fleet-error.js';
import { autopauseStreakProjection, type AutopauseStreakState } from './promotion-autopause.js';
import { decidePromotion, promotionDocument, type PromotionDocument } from './promotion-decision.js';
import type { DrillEvidence, HandoffEvidence, PromotionThresholds } from './promotion-gates.js';
import {
  asRecord,
  autonomousFactsOf,
  drillStateOf,
  registryShapeErrors,
  type AutonomousFacts,
} from './promotion-inputs.js';
import { promotionSource, type Loc, type PromotionPaths } from './promotion-layout.js';
import { fleetStatusAutonomous } from './promotion-status-view.js';
import { decodePromotionHandoff, decodePromotionPolicy } from './promotion-views.js';
import { handoffWindowProjection } from './promotion-window.js';

/** A JSON document as read: absent, its value, or the `file:line:byte: reason` line of its problem. */
export type DocAnswer =
  | { readonly kind: 'missing' }
  | { readonly kind: 'found'; readonly value: unknown }
  | { readonly kind: 'problem'; readonly detail: string };

export interface PromotionReads {
  exists(file: string): Promise<boolean>;
  /** Reads a JSON document (confined to the repo unless the operator named it). */
  doc(loc: Loc): Promise<DocAnswer>;
  /** Folds a whole log, bad lines skipped and handed back; a refused log is a FleetError (`what` names it). */
  foldWhole<S>(
    loc: Loc,
    projection: Projection<S, unknown>,
    what: string,
  ): Promise<{ readonly state: S; readonly corrupt: readonly CorruptItem[] }>;
}

/** The document's answer; a problem is a FleetError with `errorLine`. */
const found = async (r: PromotionReads, loc: Loc, errorLine: string) => {
  const d = await r.doc(loc);
  if (d.kind === 'problem') throw new FleetError(errorLine, [d.detail]);
  return d;
};

/** A JSON document that must parse to an object (null when absent). */
const objectDoc = async (r: PromotionReads, loc: Loc, what: string): Promise<unknown> => {
  const d = await found(r, loc, `invalid ${what} JSON: ${loc.shown}`);
  if (d.kind === 'missing') return null;
  if (asRecord(d.value) === null)
    throw new FleetError(`invalid ${what} JSON: ${loc.shown}`, [`${loc.shown}: not a JSON object`]);
  return d.value;
};

const checkRegistry = async (r: PromotionReads, loc: Loc): Promise<void> => {
  if (!(await r.exists(loc.file))) throw new FleetError(`fleet registry file not found: ${loc.shown}`);
  const d = await found(r, loc, `invalid fleet registry JSON: ${loc.shown}`);
  const errors = d.kind === 'found' ? registryShapeErrors(d.value) : [];
  if (errors.length > 0)
    throw new FleetError(`invalid fleet registry: ${loc.shown}`, [
      ...errors.map((e) => `- ${e}`),
      'see: opsfold fleet registry --repo <repo>',
    ]);
};

/** Fleet status facts as `fleet status` would report them at `asOfMs`, from the fleet's state files. */
const generatedFacts = async (
  r: PromotionReads,
  p: PromotionPaths,
  asOfMs: number,
): Promise<AutonomousFacts> => {
  if (!(await r.exists(p.fleetState.file)))
    throw new FleetError(`fleet state file not found: ${p.fleetState.shown}`, [
      'promotion derives fleet status from the fleet state files; run opsfold fleet reconcile first,',
      'or pass --fleet-status-file',
    ]);
  await checkRegistry(r, p.registry);
  await objectDoc(r, p.fleetState, 'fleet state');
  const policy = decodePromotionPolicy(await objectDoc(r, p.policyState, 'policy state'));
  const handoff = decodePromotionHandoff(await objectDoc(r, p.handoffState, 'handoff state'));
  return autonomousFactsOf({ autonomous: fleetStatusAutonomous(policy, handoff, asOfMs) });
};

/** The status facts and where they came from. */
export const readStatusFacts = async (
  r: PromotionReads,
  p: PromotionPaths,
  asOfMs: number,
): Promise<{ facts: AutonomousFacts; source: 'generated' | 'file' }> => {
  if (p.fleetStatus === null) return { facts: await generatedFacts(r, p, asOfMs), source: 'generated' };
  if (!(await r.exists(p.fleetStatus.file)))
    throw new FleetError(`fleet status file not found: ${p.fleetStatus.shown}`);
  const d = await found(r, p.fleetStatus, `invalid fleet status JSON: ${p.fleetStatus.shown}`);
  return { facts: autonomousFactsOf(d.kind === 'found' ? d.value : null), source: 'file' };
};

/** The last `windowExecutions` autonomous executions; a corrupt line marks the telemetry invalid. */
export const readHandoffEvidence = async (
  r: PromotionReads,
  p: PromotionPaths,
  windowExecutions: number,
): Promise<HandoffEvidence> => {
  if (!(await r.exists(p.handoffTelemetry.file))) return { kind: 'missing' };
  const folded = await r.foldWhole(
    p.handoffTelemetry,
    handoffWindowProjection(windowExecutions),
    'handoff telemetry',
  );
  const bad = folded.corrupt[0];
  return {
    kind: 'read',
    window: folded.state,
    corrupt: bad === undefined ? null : { ...bad.position, reason: bad.reason },
  };
};

/** The drill evidence; an unparsable or malformed file is `invalid`, with its reason. */
export const readDrillEvidence = async (r: PromotionReads, p: PromotionPaths): Promise<DrillEvidence> => {
  if (!(await r.exists(p.drillState.file))) return { kind: 'missing' };
  const d = await r.doc(p.drillState);
  if (d.kind === 'problem') return { kind: 'invalid', reason: d.detail };
  return d.kind === 'found' ? drillStateOf(d.value) : { kind: 'missing' };
};

/** The trailing auto-pause streak of policy evaluations; null when there is no policy telemetry. */
export const readAutopauseStreak = async (
  r: PromotionReads,
  p: PromotionPaths,
): Promise<AutopauseStreakState | null> => {
  if (!(await r.exists(p.policyTelemetry.file))) return null;
  return (await r.foldWhole(p.policyTelemetry, autopauseStreakProjection, 'policy telemetry')).state;
};

/** Reads the evidence and decides; writes nothing (`promotionEffects` records the decision). */
export const evaluatePromotion = async (
  r: PromotionReads,
  p: PromotionPaths,
  o: {
    readonly thresholds: PromotionThresholds;
    readonly asOf: { readonly ms: number; readonly iso: string };
    readonly traceId: string;
  },
): Promise<PromotionDocument> => {
  const status = await readStatusFacts(r, p, o.asOf.ms);
  const evidence = {
    autonomous: status.facts,
    handoff: await readHandoffEvidence(r, p, o.thresholds.windowExecutions),
    drills: await readDrillEvidence(r, p),
    autopauseStreak: await readAutopauseStreak(r, p),
  };
  const evaluation = decidePromotion(evidence, o.thresholds, o.asOf.iso);
  return promotionDocument(evaluation, o.thresholds, {
    traceId: o.traceId,
    source: promotionSource(p, status.source),
  });
};
