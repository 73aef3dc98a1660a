// The promotion view: the five gates of the last recorded promotion decision, each with pass/fail and
// its reason codes, and the decision itself. Pure: a reshaping of promotion-state.json (written by
// `opsfold fleet promotion-gates`, decoded by PromotionDoc) into rows the page shows as a table.
import type * as t from 'io-ts';
import { record, Text, Texts, valuesBy } from './lenient.js';

const GATE_ORDER = ['governance', 'outcomeReliability', 'manualBacklog', 'safetySuppression', 'drillRecency'];

/** promotion-state.json as the page reads it. */
export const PromotionDoc = record('PromotionDoc', {
  generatedAt: Text,
  summary: record('PromotionSummary', { decision: Text, failedGates: Texts, reasonCodes: Texts }),
  gates: valuesBy(record('PromotionGate', { status: Text, reasons: Texts, reasonCodes: Texts })),
});
export type PromotionDoc = t.TypeOf<typeof PromotionDoc>;

export interface GateRow {
  readonly gate: string;
  readonly status: string;
  readonly reasonCodes: string;
}

export interface PromotionRows {
  readonly decision: string | null;
  readonly failedGates: string;
  readonly generatedAt: string | null;
  readonly gates: readonly GateRow[];
  readonly reasonCodes: string;
}

/** Pure: the decision and its gate rows; null when the document has no gates (the page shows it as it is). */
export const promotionView = (doc: PromotionDoc): PromotionRows | null => {
  const gates = doc.gates;
  if (gates === null) return null;
  const names = [
    ...GATE_ORDER.filter((g) => g in gates),
    ...Object.keys(gates).filter((g) => !GATE_ORDER.includes(g)),
  ];
  const rows: GateRow[] = names.map((gate) => {
    const g = gates[gate];
    return {
      gate,
      status: g?.status ?? 'unknown',
      reasonCodes: [...(g?.reasons ?? []), ...(g?.reasonCodes ?? [])]
        .filter((c, i, all) => all.indexOf(c) === i)
        .join(', '),
    };
  });
  return {
    decision: doc.summary.decision,
    failedGates: doc.summary.failedGates.join(', '),
    generatedAt: doc.generatedAt,
    gates: rows,
    reasonCodes: doc.summary.reasonCodes.join(', '),
  };
};
