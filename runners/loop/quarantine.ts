// Lines skipped with --skip-corrupt are never dropped: each is appended, with its position and reason,
// to a quarantine log under opsfold's own state directory, so the cursor can move on without loss.
import { join } from 'node:path';
import { appendJsonl } from '../../lib/io/append.js';
import type { JsonlItem } from '../../lib/io/jsonl.js';

export const quarantine = async (
  dir: string,
  file: string,
  items: readonly (JsonlItem<unknown> & { kind: 'corrupt' })[],
  asOf: string,
): Promise<string | null> => {
  if (items.length === 0) return null;
  const target = join(dir, 'quarantine.jsonl');
  const records = items.map((c) => ({
    file,
    line: c.position.line,
    byteOffset: c.position.byteOffset,
    reason: c.reason,
    raw: c.raw,
    quarantinedAt: asOf,
  }));
  await appendJsonl(target, records);
  return target;
};
