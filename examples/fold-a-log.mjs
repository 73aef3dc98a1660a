// Fold a Superloop events.jsonl with opsfold's loop-events projection and print the result.
// Usage: node examples/fold-a-log.mjs <path/to/events.jsonl>
import { decodeLoopEventLine, foldFile, lifecycleOf, loopEventsProjection, stableJson } from 'opsfold';

const file = process.argv[2];
const result = await foldFile(file, loopEventsProjection, { decode: decodeLoopEventLine });
const last = result.state.last;
const lifecycle = lifecycleOf(
  {
    loopId: String(last?.loop_id ?? ''),
    approvalStatus: null,
    summaryPresent: false,
    completionOk: false,
    statePresent: false,
    stateActive: false,
    stateInactive: true,
    stateLoopId: null,
    lastEventName: String(last?.event ?? ''),
    lastEventStatus: String(last?.status ?? ''),
  },
  '2026-02-22T12:00:00Z',
);
process.stdout.write(
  stableJson({
    records: result.state.records,
    lastEvent: last?.event ?? null,
    cursor: result.cursor,
    lifecycle,
  }),
);
