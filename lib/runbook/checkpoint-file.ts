// logs/last_checkpoint.txt: the hash `runbook checkpoint` saved, the default target of rollback. The
// launcher may have written it from PowerShell, so it is decoded like any TOS document (UTF-16 too).
import { decodeText } from '../core/text.js';

export const LAST_CHECKPOINT = 'logs/last_checkpoint.txt';

/** Pure: the commit to roll back to: --target when given, else the file's first line; null when neither. */
export const rollbackTargetOf = (given: string | undefined, kept: Uint8Array | null): string | null => {
  if (given !== undefined && given !== '') return given;
  const first = kept === null ? '' : (decodeText(kept).text.split(/\r?\n/)[0] ?? '').trim();
  return first === '' ? null : first;
};
