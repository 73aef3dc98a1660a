// One line of escalations.jsonl as alert dispatch sees it. The reference treats a bad line as data:
// a blank line is skipped, an unparsable one is reported (`invalid_escalation_json`) and passed, one
// without a category likewise (`missing_escalation_category`). A JSON value that is not an object has
// no category either (the reference crashes on it).
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { JsonValue } from '../core/json-schema.js';
import { isObject, scalarText, type JsonObject } from './json.js';

export interface Escalation {
  readonly value: JsonObject;
  readonly category: string;
  /** The row's own severity, or null to let the category mapping decide. */
  readonly severity: string | null;
  readonly timestamp: string;
  readonly loopId: string | null;
  readonly traceId: string | null;
}

export type EscalationRow =
  | { readonly kind: 'blank' }
  | { readonly kind: 'invalid_json'; readonly raw: string }
  | { readonly kind: 'missing_category'; readonly value: JsonValue }
  | { readonly kind: 'escalation'; readonly escalation: Escalation };

const BLANK = /^[\s]*$/;

const field = (o: JsonObject, key: string): string => scalarText(Object.hasOwn(o, key) ? o[key] : undefined);
const orNull = (s: string): string | null => (s === '' ? null : s);

/** Pure: classifies one line (terminator removed) of escalations.jsonl. */
export const classifyRow = (text: string): EscalationRow => {
  if (BLANK.test(text)) return { kind: 'blank' };
  const parsed = parseJson(text);
  if (E.isLeft(parsed)) return { kind: 'invalid_json', raw: text };
  // JSON.parse yields JSON values only.
  const value = parsed.right as JsonValue;
  if (!isObject(value) || field(value, 'category') === '') return { kind: 'missing_category', value };
  return {
    kind: 'escalation',
    escalation: {
      value,
      category: field(value, 'category'),
      severity: orNull(field(value, 'severity')),
      timestamp: field(value, 'timestamp'),
      loopId: orNull(field(value, 'loopId')),
      traceId: orNull(field(value, 'traceId')),
    },
  };
};
