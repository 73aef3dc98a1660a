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
