// The job payload as the orchestrator stores it in a step log: `json.dumps(payload, ensure_ascii=False)`
// cut to 2,000 characters plus "...(truncated)" (build_step_log_data, sanitize_for_log). Python counts
// code points, so a payload of emoji is cut where Python cuts it, not in the middle of a surrogate pair.
import type { JobInput } from './codecs.js';

export const PAYLOAD_MAX_CHARS = 2000;
export const TRUNCATED_MARK = '...(truncated)';

const pyString = (s: string): string => JSON.stringify(s);

const pyNumber = (n: number): string => {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
};

/**
 * Pure: Python's json.dumps(value, ensure_ascii=False) with its default separators (", " and ": ") and
 * insertion-ordered keys. Floats JSON.parse turned into integers print as integers (1.0 → 1).
 */
export const pythonJsonDumps = (value: unknown): string => {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${pyString(k)}: ${pythonJsonDumps(v)}`,
    );
    return `{${parts.join(', ')}}`;
  }
  return pyString(String(value));
};

/** Pure: the number of code points (Python's len) of a string. */
export const codePointLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

/** Pure: text cut to `max` code points plus the truncation mark, or unchanged when it fits. */
export const truncateText = (text: string, max = PAYLOAD_MAX_CHARS): string => {
  if (codePointLength(text) <= max) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n === max) break;
    out += ch;
    n += 1;
  }
  return out + TRUNCATED_MARK;
};

export interface StoredPayload {
  /** What the step log stores: the serialized payload, at most 2,000 characters plus the mark. */
  readonly text: string;
  /** Python len() of the full serialized payload. */
  readonly size: number;
  readonly truncated: boolean;
}

/** Pure: the payload (job_input.json's object) as a step log stores it. */
export const storedPayload = (payload: JobInput): StoredPayload => {
  const full = pythonJsonDumps(payload);
  const text = truncateText(full);
  return { text, size: codePointLength(full), truncated: text !== full };
};
