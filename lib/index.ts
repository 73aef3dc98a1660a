// The public API of opsfold: every export by name (no `export *`), one line each on what it is.

// Kernel (pure)
export { fold, foldFrom } from './core/projection.js';
export type { Projection, Positioned } from './core/projection.js';
export { decide } from './core/decision.js';
export type { Decision, Condition, ConditionStatus } from './core/decision.js';
export { decode, parseJson, firstContractError } from './core/codec.js';
export type { ContractError } from './core/codec.js';
export { cursorStart, cursorNotBefore } from './core/position.js';
export type { Position, Cursor, Checkpoint, SourceFingerprint } from './core/position.js';
export { stableJson } from './core/stable-json.js';
export { parseIso, isoSeconds, secondsBetween } from './core/time.js';
export { jsonErrorOffset } from './core/json-error-offset.js';
export { sha256Initial, sha256Update, sha256Digest, Sha256Hasher } from './core/sha256.js';
export type { Sha256State } from './core/sha256.js';
export { toJsonSchema } from './core/json-schema.js';

// The effectful edge (files, locks)
export { iterateJsonlBatches } from './io/jsonl.js';
export { readJsonl, readJsonlBatches } from './io/jsonl-rx.js';
export type { JsonlItem, JsonlBatch, JsonlEnd, ReadOptions } from './io/jsonl.js';
export { CorruptLineError, SourceChangedError } from './io/jsonl-errors.js';
export { foldFile, saveFoldCheckpoint } from './io/fold-file.js';
export type { FoldFileOptions, FoldFileResult } from './io/fold-file.js';
export { writeFileAtomic, writeJsonAtomic, AtomicWriteError } from './io/atomic.js';
export { appendJsonl } from './io/append.js';
export { withLock, LockConflict, LockCompromised } from './io/lock.js';
export { discover } from './io/discover.js';
export { statMarker } from './io/markers.js';
export type { MarkerStat } from './io/markers.js';
export { nodeSeam } from './io/fs-seam.js';
export type { WriteSeam } from './io/fs-seam.js';

// Loop runs (Superloop)
export { lifecycleOf, lifecycleReasons, ACTIVE_PHASE_EVENTS } from './loop/lifecycle.js';
export type { Lifecycle, LifecycleReason, LoopFacts } from './loop/lifecycle.js';
export { loopEventsProjection } from './loop/events-projection.js';
export type { LoopEventsState } from './loop/events-projection.js';
export { buildSnapshot, factsOf } from './loop/snapshot.js';
export { eventEnvelope } from './loop/envelope.js';
export {
  projectState,
  divergenceOf,
  checkSnapshotEnvelope,
  checkEventEnvelope,
} from './loop/project-state.js';
export { decodeLoopEventLine, isLoopEventLine } from './loop/event-guard.js';
export {
  LoopEventLine,
  LoopRunSnapshot,
  LoopRunEvent,
  PollCursor,
  RunSummary,
  SuperloopState,
  Approval,
} from './loop/codecs.js';
export { ManagerState } from './loop/state-codec.js';
