// Quarantining skipped lines (lib/loop/quarantine.ts) into <opsfold dir>/quarantine.jsonl.
import { join } from 'node:path';
import { appendJsonl } from '../../lib/io/append.js';
import { quarantineRecords, type CorruptItem } from '../../lib/loop/quarantine.js';

export const quarantine = async (
  dir: string,
  file: string,
  items: readonly CorruptItem[],
  asOf: string,
): Promise<string | null> => {
  if (items.length === 0) return null;
  const target = join(dir, 'quarantine.jsonl');
  await appendJsonl(target, quarantineRecords(file, items, asOf));
  return target;
};
