// The promotion view: the five gates of the last recorded promotion decision, each with pass/fail and
// its reason codes, and the decision itself. Pure: a reshaping of promotion-state.json (written by
// `opsfold fleet promotion-gates`) into rows the page shows as a table; unknown shapes pass through.
import { get, isObject, str, strings } from './fields.js';

const GATE_ORDER = ['governance', 'outcomeReliability', 'manualBacklog', 'safetySuppression', 'drillRecency'];

export interface GateRow {
  readonly gate: string;
  readonly status: string;
  readonly reasonCodes: string;
}

/** Pure: `{decision, failedGates, reasonCodes, gates: GateRow[]}`, or the document itself when it has no gates. */
export const promotionView = (doc: unknown): unknown => {
  const gates = get(doc, 'gates');
  if (!isObject(gates)) return doc;
  const names = [
    ...GATE_ORDER.filter((g) => g in gates),
    ...Object.keys(gates).filter((g) => !GATE_ORDER.includes(g)),
  ];
  const rows: GateRow[] = names.map((gate) => ({
    gate,
    status: str(gates, gate, 'status') ?? 'unknown',
    reasonCodes: [...strings(gates, gate, 'reasons'), ...strings(gates, gate, 'reasonCodes')]
      .filter((c, i, all) => all.indexOf(c) === i)
      .join(', '),
  }));
  return {
    decision: str(doc, 'summary', 'decision'),
    failedGates: strings(doc, 'summary', 'failedGates').join(', '),
    generatedAt: str(doc, 'generatedAt'),
    gates: rows,
    reasonCodes: strings(doc, 'summary', 'reasonCodes').join(', '),
  };
};
