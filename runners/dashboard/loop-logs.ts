// The logs of one loop the dashboard folds: events.jsonl (its line index) and escalations.jsonl (the
// open set), incrementally from checkpoints in the loop's CheckpointStore.
import { decodeEvent, eventsIndexProjection } from '../../lib/dashboard/events-index.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import { decodeEscalation, escalationsProjection } from '../../lib/loop/escalations.js';
import type { LoopFiles } from '../../lib/dashboard/loop-files.js';
import type { FoldedLogs } from '../../lib/dashboard/loop-view.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldIncremental } from './folds.js';

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const escalations = tracked(escalationsProjection, 'dashboard-escalations');

/** Folds events.jsonl and escalations.jsonl from their checkpoints. */
export const foldLogs = async (f: LoopFiles): Promise<FoldedLogs> => {
  const checkpoints = fileCheckpointStore(f.checkpoints);
  return {
    events: await foldIncremental({
      file: f.paths.events,
      root: f.root,
      shownAs: f.shown(f.paths.events),
      projection: eventsIndex,
      checkpoints,
      key: `${eventsIndex.name}.json`,
      decode: decodeEvent,
    }),
    escalations: await foldIncremental({
      file: f.manager.escalationsFile,
      root: f.root,
      shownAs: f.shown(f.manager.escalationsFile),
      projection: escalations,
      checkpoints,
      key: `${escalations.name}.json`,
      decode: decodeEscalation,
    }),
  };
};
