// opsfold/loop: decide a loop's lifecycle, with its reason, from the facts a fold gathered.
import { lifecycleOf } from 'opsfold/loop';

const facts = {
  loopId: 'demo',
  approvalStatus: null,
  summaryPresent: true,
  completionOk: true,
  statePresent: true,
  stateActive: false,
  stateInactive: true,
  stateLoopId: 'demo',
  lastEventName: 'loop_complete',
  lastEventStatus: 'ok',
};
console.log(JSON.stringify(lifecycleOf(facts, '2026-02-22T12:00:00Z')));
