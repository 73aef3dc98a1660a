// Quarantining skipped lines (lib/loop/quarantine.ts) into <opsfold dir>/quarantine.jsonl, each
// corrupt line once however often later folds meet it again.
import { fsp } from '../../lib/io/direct-fs.js';
import { join } from 'node:path';
import { AppendError, appendJsonl } from '../../lib/io/append.js';
import { confineArtifact } from '../cli/artifacts.js';
import { notYetQuarantined, quarantineRecords, type CorruptItem } from '../../lib/loop/quarantine.js';

// The quarantine read before appending fails as the append would (AppendError names the file).
const textOf = (file: string): Promise<string> =>
  fsp.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw new AppendError(file, 'open', 0, err);
  });

export const quarantine = async (
  dir: string,
  file: string,
  items: readonly CorruptItem[],
  asOf: string,
): Promise<string | null> => {
  if (items.length === 0) return null;
  // The state dir is the root: a quarantine.jsonl symlinked out of it is refused.
  const target = await confineArtifact([dir], join(dir, 'quarantine.jsonl'));
  const fresh = notYetQuarantined(await textOf(target), quarantineRecords(file, items, asOf));
  if (fresh.length > 0) await appendJsonl(target, fresh);
  return target;
};
