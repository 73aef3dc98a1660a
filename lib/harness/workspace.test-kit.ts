// An in-memory workspace for the lib/harness gather and pass tests: files are paths with text and an
// mtime, directories are implied by the paths, logs are JSON lines appended by the Store and folded
// by the port. Paths are POSIX; nothing touches the disk.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { fold } from '../core/projection.js';
import { stableJson } from '../core/stable-json.js';
import type { Effect } from '../io/effects.js';
import type { DocRead, Store } from '../io/store.js';
import { positionEvents } from '../testing/given.js';
import { configOf } from './config.js';
import type { HarnessConfigFile, TaskTimers } from './input-codecs.js';
import { workspaceLayout, type Workspace, type WorkspaceFs } from './workspace.js';

export interface MemFile {
  text: string;
  mtimeMs: number;
}

export const ROOT = '/ws';

const join = (...parts: string[]): string => parts.join('/').replace(/\/+/g, '/');
const relative = (from: string, to: string): string => to.slice(from.length + 1);

const memoryStore = (files: Map<string, MemFile>, now: number): Store => ({
  root: ROOT,
  async read<A>(path: string, codec: t.Type<A, unknown, unknown>): Promise<DocRead<A>> {
    const f = files.get(path);
    if (f === undefined) return { kind: 'missing', path };
    const decoded = codec.decode(JSON.parse(f.text));
    if (E.isRight(decoded))
      return { kind: 'found', path, value: decoded.right, bytes: f.text.length, encoding: 'utf-8' };
    return { kind: 'problem', path, problem: { kind: 'refused', reason: 'shape' }, bytes: 0 };
  },
  async write(path, value) {
    files.set(path, { text: stableJson(value), mtimeMs: now });
  },
  async writeText(path, text) {
    files.set(path, { text: String(text), mtimeMs: now });
  },
  async append(path, records) {
    const old = files.get(path)?.text ?? '';
    files.set(path, { text: old + records.map((r) => `${JSON.stringify(r)}\n`).join(''), mtimeMs: now });
  },
});

const memoryFs = (files: Map<string, MemFile>, store: Store): WorkspaceFs => {
  const entries = (dir: string) => {
    const out = new Map<string, boolean>();
    for (const p of files.keys())
      if (p.startsWith(`${dir}/`)) {
        const rest = p.slice(dir.length + 1);
        out.set(rest.split('/')[0]!, !rest.includes('/'));
      }
    return [...out].sort(([a], [b]) => (a < b ? -1 : 1));
  };
  return {
    join,
    relative,
    stat: async (file) => {
      const f = files.get(file);
      return f === undefined
        ? { exists: false, mtimeMs: null, size: 0 }
        : { exists: true, mtimeMs: f.mtimeMs, size: f.text.length };
    },
    mtimeOf: async (path) =>
      Math.max(0, ...[...files].filter(([p]) => p.startsWith(`${path}/`)).map(([, f]) => f.mtimeMs)),
    list: async (dir) => entries(dir).map(([name, isFile]) => ({ name, isFile, isDirectory: !isFile })),
    readHead: async (file, bytes) => files.get(file)?.text.slice(0, bytes) ?? null,
    foldLog: async (file, projection, decode) => {
      const lines = (files.get(file)?.text ?? '').split('\n').filter((l) => l !== '');
      const values = lines.map((l) => {
        const d = decode(JSON.parse(l));
        if (E.isLeft(d)) throw new Error(`${file}: ${d.left}`);
        return d.right;
      });
      return fold(projection, positionEvents(values));
    },
    createOnce: async (file, text) => {
      if (files.has(file)) return 'exists';
      files.set(file, { text, mtimeMs: 0 });
      return 'created';
    },
    apply: async (effects: readonly Effect[]) => {
      for (const e of effects)
        if (e.kind === 'write') await store.write(e.path, e.value);
        else if (e.kind === 'append') await store.append(e.path, e.records);
    },
  };
};

/** A workspace over `files` (absolute paths under ROOT); writes made through it are stamped `now`. */
export const memoryWorkspace = (
  files: Map<string, MemFile>,
  o: { now?: number; config?: HarnessConfigFile; schedulerDir?: string } = {},
): Workspace => {
  const store = memoryStore(files, o.now ?? 0);
  return workspaceLayout({
    root: ROOT,
    store,
    fs: memoryFs(files, store),
    readTimers: async (file) => {
      const f = files.get(file);
      return f === undefined ? { tasks: {} } : (JSON.parse(f.text) as TaskTimers);
    },
    config: configOf(o.config ?? {}),
    schedulerDir: o.schedulerDir ?? null,
  });
};

/** A file map from `{path relative to ROOT: [json value or text, mtime ms]}`. */
export const filesOf = (spec: Record<string, [unknown, number]>): Map<string, MemFile> =>
  new Map(
    Object.entries(spec).map(([p, [v, mtimeMs]]) => [
      join(ROOT, p),
      { text: typeof v === 'string' ? v : JSON.stringify(v), mtimeMs },
    ]),
  );
