// The node edge as one value: every effect a shared lib step may need (paths, documents, locks, line
// files, an owned log's fold, checkpoints, applying effects, HTTP, helper commands, timers, ids), so a
// step in lib/<domain> takes `Edge` as a parameter (a type-only import) and each runner passes
// `nodeEdge()`, a test a variant.
import { randomUUID } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { parse, resolve } from 'node:path';
import { confine, isWithin, type Confined } from './confine.js';
import { fileCheckpointStore, type CheckpointStore } from './checkpoint-store.js';
import { fingerprintAt } from './checkpoints.js';
import { applyEffects } from './effects.js';
import { foldOwnedLog } from './fold-log.js';
import type { WriteSeam } from './fs-seam.js';
import { nodeTransport, type HttpOutcome, type HttpPost } from './http.js';
import { lineCountFrom, readLineAt, readLines, regularFileSize } from './line-rows.js';
import { withLock } from './lock.js';
import { packageRoot } from './package-root.js';
import { runCommand } from './process.js';
import { fileSource } from './source.js';
import type { SourceCursor, Resumed } from './source.js';
import { fileStore, readDocument, type Store } from './store.js';

export interface Edge {
  /** node's path.resolve. */
  resolve(...segments: string[]): string;
  /** The file-system root above an absolute path. */
  rootOf(path: string): string;
  isDirectory(path: string): Promise<boolean>;
  ensureDir(path: string): Promise<void>;
  /** A document Store confined to `root`. */
  store(root: string): Store;
  within(root: string, real: string): boolean;
  confine(root: string, path: string): Promise<Confined>;
  readDocument: typeof readDocument;
  /** Runs `fn` holding `<file>.lock`, failing at once (LockConflict) when another process holds it. */
  tryLock<T>(file: string, fn: () => Promise<T>): Promise<T>;
  readonly lines: {
    readonly read: typeof readLines;
    readonly at: typeof readLineAt;
    readonly size: typeof regularFileSize;
    readonly countFrom: typeof lineCountFrom;
    readonly fingerprint: typeof fingerprintAt;
    resume(file: string, saved: SourceCursor): Promise<Resumed>;
  };
  readonly foldOwnedLog: typeof foldOwnedLog;
  /** Checkpoints kept under `dir` (a state dir). */
  checkpoints(dir: string): CheckpointStore;
  /** Applies effects in the crash-safe order (lib/io/effects.ts). */
  readonly applyEffects: typeof applyEffects;
  post(req: HttpPost): Promise<HttpOutcome>;
  readonly runCommand: typeof runCommand;
  sleep(ms: number): Promise<void>;
  newId(): string;
  packageRoot(): string;
}

export interface NodeEdgeOptions {
  /** Where every Store write and append goes through (fault tests cut it). */
  readonly seam?: WriteSeam;
}

export const nodeEdge = (o: NodeEdgeOptions = {}): Edge => ({
  resolve: (...segments) => resolve(...segments),
  rootOf: (path) => parse(resolve(path)).root,
  isDirectory: async (path) => (await fsp.stat(path).catch(() => null))?.isDirectory() === true,
  ensureDir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
  store: (root) => fileStore(root, { seam: o.seam }),
  within: isWithin,
  confine,
  readDocument,
  tryLock: (file, fn) => withLock(file, { waitMs: 0 }, fn),
  lines: {
    read: readLines,
    at: readLineAt,
    size: regularFileSize,
    countFrom: lineCountFrom,
    fingerprint: fingerprintAt,
    resume: (file, saved) => fileSource(file).resume(saved),
  },
  foldOwnedLog,
  checkpoints: fileCheckpointStore,
  applyEffects,
  post: nodeTransport,
  runCommand,
  sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms))),
  newId: randomUUID,
  packageRoot,
});
