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
import { foldPair } from './fold-pair.js';
import { foldIncremental } from './folds.js';

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const escalations = tracked(escalationsProjection, 'dashboard-escalations');
const loopEvents = tracked(loopEventsProjection, 'dashboard-loop-events');

/** Folds events.jsonl (once for both its folds where their checkpoints agree) and escalations.jsonl from their checkpoints. */
export const foldLogs = async (f: LoopFiles): Promise<FoldedLogs> => {
  const checkpoints = fileCheckpointStore(f.checkpoints);
  const log = { file: f.paths.events, root: f.root, shownAs: f.shown(f.paths.events), checkpoints };
  const indexSpec = { ...log, projection: eventsIndex, key: `${eventsIndex.name}.json`, decode: decodeEvent };
  const loopSpec = {
    ...log,
    projection: loopEvents,
    key: `${loopEvents.name}.json`,
    decode: decodeLoopEventLine,
  };
  const [events, loop] = (await foldPair(indexSpec, loopSpec)) ?? [
    await foldIncremental(indexSpec),
    await foldIncremental(loopSpec),
  ];
  return {
    events,
    loop,
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
