// The one test for "a JSON object": every domain decodes documents of unknown shape, and the
// definition must not drift between copies (arrays and null are not objects here).

/** A parsed JSON object: string keys, values not yet checked. */
export type JsonObject = Record<string, unknown>;

/** Pure: true for a JSON object (not null, not an array). */
export const isObject = (v: unknown): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
