// What handoff planning reads of the policy state, decoded once by the runner: its identity and the
// candidates with their autonomous classification. Lenient like the reference (a field of the wrong
// type reads as absent, an entry that is not an object is no candidate).
import * as t from 'io-ts';
import { decodeLenient, flag, listOf, orElse, section, StringList, text, view } from './lenient.js';

const PlanCandidate = view(
  {
    candidateId: text,
    loopId: text,
    category: text,
    severity: text,
    confidence: text,
    rationale: text,
    signal: text,
    traceId: text,
    recommendedIntent: text,
    suppressed: orElse(t.unknown, false),
    autonomous: section({ eligible: flag, reasons: StringList }, 'PlanCandidateAutonomy'),
  },
  'PlanCandidate',
);

export const PlanPolicyView = section(
  {
    fleetId: text,
    traceId: text,
    mode: orElse(t.string, 'advisory'),
    candidates: listOf(PlanCandidate),
  },
  'PlanPolicyState',
);

export type PlanPolicy = t.TypeOf<typeof PlanPolicyView>;
export type PlanCandidate = PlanPolicy['candidates'][number];

/** Pure: the policy state as parsed, decoded for handoff planning. Total. */
export const decodePlanPolicy = (raw: unknown): PlanPolicy => decodeLenient(PlanPolicyView, raw);

/** What the retry guard reads of the previous handoff state: each intent's id and status. */
export const PriorHandoffView = section(
  {
    intents: listOf(view({ intentId: text, status: text }, 'PriorHandoffIntent')),
  },
  'PriorHandoffState',
);

export type PriorHandoff = t.TypeOf<typeof PriorHandoffView>;

/** Pure: the status of each intent of the previous handoff state, by intent id. */
export const priorStatuses = (prior: PriorHandoff | null): ReadonlyMap<string, string> =>
  new Map(
    (prior?.intents ?? []).flatMap((i) =>
      i.intentId === null || i.status === null ? [] : [[i.intentId, i.status] as const],
    ),
  );
