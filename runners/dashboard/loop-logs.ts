// The logs of one loop the dashboard folds: events.jsonl (its line index, and the loop's own events
// projection the lifecycle is folded from when the manager is behind) and escalations.jsonl (the open
// set), incrementally from checkpoints in the loop's CheckpointStore.
import { decodeEvent, eventsIndexProjection } from '../../lib/dashboard/events-index.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import { decodeEscalation, escalationsProjection } from '../../lib/loop/escalations.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { loopEventsProjection } from '../../lib/loop/events-projection.js';
import type { LoopFiles } from '../../lib/dashboard/loop-files.js';
import type { FoldedLogs } from '../../lib/dashboard/loop-view.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldIncremental } from './folds.js';

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const escalations = tracked(escalationsProjection, 'dashboard-escalations');
const loopEvents = tracked(loopEventsProjection, 'dashboard-loop-events');

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
    loop: await foldIncremental({
      file: f.paths.events,
      root: f.root,
      shownAs: f.shown(f.paths.events),
      projection: loopEvents,
      checkpoints,
      key: `${loopEvents.name}.json`,
      decode: decodeLoopEventLine,
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
