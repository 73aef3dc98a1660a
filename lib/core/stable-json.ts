// Outputs are sorted-key stable JSON with a trailing newline, so re-runs produce identical bytes.

const sortKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
};

/** Pure: JSON with keys sorted at every level; pretty (2 spaces) or compact; always a trailing newline. */
export const stableJson = (value: unknown, pretty = true): string =>
  JSON.stringify(sortKeys(value), null, pretty ? 2 : undefined) + '\n';
