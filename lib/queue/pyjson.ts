// Python's `json.dumps(obj, ensure_ascii=False, sort_keys=True)` for the flat payloads the reference
// writes into queue_events.payload_json: `, ` and `: ` separators, keys in code point order. JSON
// string escaping is the same in both languages for these values. Pure.
import { pyCompare } from './pytext.js';

/** Pure: the payload_json text the reference would write for a flat object. */
export const pyJsonDumps = (obj: Readonly<Record<string, string | number | null>>): string =>
  `{${Object.keys(obj)
    .sort(pyCompare)
    .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(obj[k])}`)
    .join(', ')}}`;
