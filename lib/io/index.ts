// The `opsfold/io` entry: the effectful edge — read JSONL with positions, fold a file from its
// checkpoint, atomic writes, locked appends, locks, discovery and markers. Listed by name
// (no `export *`); the only entry that touches the file system.
export { readJsonl, readJsonlBatches, iterateJsonlBatches } from './jsonl.js';
export type { JsonlItem, JsonlBatch, JsonlEnd, ReadOptions } from './jsonl.js';
export { CorruptLineError, SourceChangedError } from './jsonl-errors.js';
export { foldFile, saveFoldCheckpoint } from './fold-file.js';
export type { FoldFileOptions, FoldFileResult } from './fold-file.js';
export { writeFileAtomic, writeJsonAtomic, AtomicWriteError } from './atomic.js';
export { appendJsonl } from './append.js';
export { withLock, LockConflict, LockCompromised } from './lock.js';
export { discover } from './discover.js';
export { statMarker } from './markers.js';
export type { MarkerStat } from './markers.js';
export { nodeSeam } from './fs-seam.js';
export type { WriteSeam } from './fs-seam.js';
