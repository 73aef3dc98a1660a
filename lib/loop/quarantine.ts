// Lines skipped with --skip-corrupt are never dropped: each becomes a quarantine record, with its
// position and reason, appended to a log under opsfold's own state directory, so the cursor can move
// on without loss.
import type { JsonlItem } from '../io/jsonl.js';

export type CorruptItem = JsonlItem<unknown> & { readonly kind: 'corrupt' };

/** The quarantine record of each corrupt line of `file`. */
export const quarantineRecords = (file: string, items: readonly CorruptItem[], asOf: string) =>
  items.map((c) => ({
    file,
    line: c.position.line,
    byteOffset: c.position.byteOffset,
    reason: c.reason,
    raw: c.raw,
    quarantinedAt: asOf,
  }));

type QuarantineRecord = ReturnType<typeof quarantineRecords>[number];

const keyOf = (v: {
  readonly file?: unknown;
  readonly byteOffset?: unknown;
  readonly raw?: unknown;
}): string => JSON.stringify([v.file, v.byteOffset, v.raw]);

const parsedKey = (line: string): string[] => {
  try {
    const v = JSON.parse(line) as unknown;
    return v !== null && typeof v === 'object' ? [keyOf(v)] : [];
  } catch {
    return [];
  }
};

/**
 * Pure: the records not yet in the quarantine log whose text is `existing`. A corrupt line is the
 * same line while its file, byte offset and raw text are: a refold (no checkpoint, a snapshot and a
 * poll in one pass, a later run) meets it again but records it only once.
 */
export const notYetQuarantined = (
  existing: string,
  records: readonly QuarantineRecord[],
): QuarantineRecord[] => {
  const seen = new Set(existing.split('\n').flatMap(parsedKey));
  return records.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};
