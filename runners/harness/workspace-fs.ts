// The workspace's ports over node's fs: stats and directory listings that never follow a walk out of
// the tree, the head of a prompt file, log folds through the edge's Source (a corrupt line fails closed
// with file:line:byte, a torn tail is held back), create-only markers and the effects executor.
import { existsSync, promises as fsp, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileStat, WorkspaceFs } from '../../lib/harness/workspace.js';
import { memoryCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import { applyEffects } from '../../lib/io/effects.js';
import { foldSource } from '../../lib/io/fold-source.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { fileSource } from '../../lib/io/source.js';
import type { Store } from '../../lib/io/store.js';
import { writeOnce } from '../../lib/io/write-once.js';
import { CliError } from '../cli/errors.js';

const statFile = async (file: string): Promise<FileStat> => {
  const st = await fsp.stat(file).catch(() => null);
  return st === null || !st.isFile()
    ? { exists: false, mtimeMs: null, size: 0 }
    : { exists: true, mtimeMs: st.mtimeMs, size: st.size };
};

const list = async (dir: string) =>
  (await fsp.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[]))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((d) => ({ name: d.name, isFile: d.isFile(), isDirectory: d.isDirectory() }));

const readHead = async (file: string, bytes: number): Promise<string | null> => {
  const handle = await fsp.open(file, 'r').catch(() => null);
  if (handle === null) return null;
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
};

/** The ports of a workspace whose documents and logs go through `store` (confined to its root). */
export const workspaceFs = (store: Store): WorkspaceFs => ({
  join,
  relative,
  stat: statFile,
  mtimeOf: async (path) => (await fsp.stat(path)).mtimeMs,
  list,
  readHead,
  // No checkpoint is kept: a fresh in-memory store makes every fold start at the first line.
  async foldLog(file, projection, decode) {
    // Checked, then read under the name the operator knows, so messages name the file as given.
    const c = await confine(store.root, file);
    if (!c.ok) throw new CliError(`log refused: ${file}`, [`${file}: refused: ${c.reason}`]);
    if (!existsSync(file)) return projection.initial;
    try {
      const source = fileSource(file, { decode });
      const fold = await foldSource(source, projection, { checkpoints: memoryCheckpointStore(), key: file });
      if (fold.kind !== 'folded') throw new CliError(`log ${fold.kind}: ${file}`, [fold.detail]);
      return fold.state;
    } catch (err) {
      if (err instanceof CorruptLineError)
        throw new CliError(`corrupt line in ${file}`, [
          err.message,
          'the log is append-only: repair the line by hand',
        ]);
      throw err;
    }
  },
  async createOnce(file, text) {
    const c = await confine(store.root, file);
    if (!c.ok) throw new ConfinementError(c.path, c.reason);
    return writeOnce(c.real, text);
  },
  async apply(effects) {
    await applyEffects({ store }, effects);
  },
});
