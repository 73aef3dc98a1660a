// The `opsfold/io` entry: the effectful edge — read JSONL with positions, fold a file from its
// checkpoint, atomic writes, locked appends, locks, discovery and markers. Listed by name
// (no `export *`); the only entry that touches the file system.
export { iterateJsonlBatches } from './jsonl.js';
export { readJsonl, readJsonlBatches } from './jsonl-rx.js';
export type { JsonlItem, JsonlBatch, JsonlEnd, ReadOptions } from './jsonl.js';
export { CorruptLineError, SourceChangedError } from './jsonl-errors.js';
export { DEFAULT_MAX_LINE_BYTES } from './line-splitter.js';
export { maxLineBytes, withMaxLineBytes } from './line-limit.js';
export { foldFile, saveFoldCheckpoint } from './fold-file.js';
export type { FoldFileOptions, FoldFileResult } from './fold-file.js';
export { writeFileAtomic, writeJsonAtomic, AtomicWriteError } from './atomic.js';
export { appendJsonl } from './append.js';
export { withLock, LockConflict, LockCompromised } from './lock.js';
export { discover } from './discover.js';
export { moveWithin } from './move.js';
export type { MoveResult } from './move.js';
export { statMarker } from './markers.js';
export type { MarkerStat } from './markers.js';
export { nodeSeam } from './fs-seam.js';
export type { WriteSeam } from './fs-seam.js';

/** The edge every domain reads, writes, appends, resumes and checkpoints through (docs/edge.md). */
export { fileStore, readDocument, readJson } from './store.js';
export type { Store, DocRead, ReadOptions as DocReadOptions, WriteOptions } from './store.js';
export { describeProblem } from './document.js';
export type { DocProblem, DocEncoding } from './document.js';
export { confine, ConfinementError } from './confine.js';
export { fileSource } from './source.js';
export type { Source, SourceCursor, Resumed, SourceReadOptions, FileSourceOptions } from './source.js';
export { fileCheckpointStore, memoryCheckpointStore } from './checkpoint-store.js';
export type { CheckpointStore, CheckpointOwner } from './checkpoint-store.js';
export { applyEffects, orderEffects } from './effects.js';
export type { Effect, EffectTargets } from './effects.js';
export { foldSource } from './fold-source.js';
export type { SourceFold, FoldSourceOptions } from './fold-source.js';
export { foldOwnedLog } from './fold-log.js';
export type { OwnedFold, OwnedLogOptions } from './fold-log.js';
export { writeOnce } from './write-once.js';
export type { WriteOnceResult } from './write-once.js';
export { lastRecord } from './last-record.js';
export type { LastRecord } from './last-record.js';
export { linesBackwards } from './back-reader.js';
export type { BackLine } from './back-reader.js';
export { openSqlite, isSqliteBusy, SqliteUnavailable } from './sqlite.js';
export type { SqliteDb, SqliteOpenOptions } from './sqlite.js';
export { nodeEdge } from './node-edge.js';
export type { Edge, NodeEdgeOptions } from './node-edge.js';
export { startJsonServer } from './http-server.js';
export { metricsRegistry } from './prometheus.js';
export type { GaugeFamily, MetricsRegistry, MetricsText } from './prometheus.js';
export type {
  JsonAnswer,
  JsonHandler,
  JsonRequest,
  JsonServerOptions,
  RunningServer,
} from './http-server.js';
