// The fleet's logs: folds through a Source resumed from opsfold checkpoints (a re-run reads only the
// appended bytes), the reference's `error:` line for a corrupt log with file:line:byte. A log under the
// repo must be there (no symlink out) and a regular file.
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import type { Projection } from '../../lib/core/projection.js';
import { decodeTelemetryObject } from '../../lib/fleet/handoff-history.js';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { confine } from '../../lib/io/confine.js';
import type { Effect } from '../../lib/io/effects.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { fileSource } from '../../lib/io/source.js';
import { CliError } from '../cli/errors.js';
import type { EdgeRoots } from './edge.js';

/** Why `file` may not be read as a log (outside the repo, not a regular file), or null. */
export const refusal = async (p: EdgeRoots, file: string): Promise<string | null> => {
  const c = p.named.has(file) ? { ok: true as const, real: file } : await confine(p.repo, file);
  if (!c.ok) return c.reason;
  const st = await fsp.stat(c.real).catch(() => null);
  return st === null || st.isFile() ? null : st.isFIFO() ? 'a FIFO' : 'not a regular file';
};

/** Folds a fleet log (missing: the initial state); the checkpoint comes back as an effect. */
export const foldLog = async <S>(
  p: FleetPaths,
  file: string,
  projection: Projection<S, unknown>,
  o: { readonly fromStart: boolean; readonly errorLine: string },
): Promise<{ readonly state: S; readonly effects: readonly Effect[] }> => {
  if (!existsSync(file)) return { state: projection.initial, effects: [] };
  const refused = await refusal(p, file);
  if (refused !== null) throw new CliError(o.errorLine, [`${file}: refused: ${refused}`]);
  // One checkpoint per projection and log file: two commands folding the same log share it, and a
  // log given by flag at another path never resumes from the default log's cursor.
  const tag = createHash('sha256').update(file).digest('hex').slice(0, 12);
  const at = {
    checkpoints: fileCheckpointStore(p.opsfoldDir),
    key: `checkpoints/${projection.name}-${tag}.json`,
  };
  const r = await foldSource(fileSource(file, { decode: decodeTelemetryObject }), projection, at, o).catch(
    (err: unknown) => {
      if (err instanceof CorruptLineError)
        throw new CliError(o.errorLine, [`${err.file}:${err.line}:${err.byteOffset}: ${err.reason}`]);
      throw err;
    },
  );
  if (r.kind !== 'folded')
    throw new CliError(o.errorLine, [
      `${file}: ${r.kind}: ${r.detail}; rerun with --from-start to fold it again`,
    ]);
  return { state: r.state, effects: [r.checkpoint] };
};
