// The profile drift step (lib/loop/drift-step.ts) on the loop's files: the drift state's lock (waited
// for up to 10 s), its JSON, the state and history writers and the escalations log.
import { withLock } from '../../../lib/io/lock.js';
import { driftStep, type DriftOutcome, type DriftStep } from '../../../lib/loop/drift-step.js';
import { readJsonDoc } from '../../cli/json-doc.js';
import { escalate } from './escalations-log.js';
import { persistStep } from './step-files.js';

/** Evaluates drift and performs its writes; waits up to 10 s for the drift state's lock. */
export const runDriftStep = (s: DriftStep): Promise<DriftOutcome> =>
  driftStep(
    {
      lock: (file, fn) => withLock(file, { waitMs: 10_000 }, fn),
      previous: async (file) => {
        const prev = await readJsonDoc(file, `invalid drift state JSON: ${file}`);
        return prev.found ? prev.value : {};
      },
      persist: persistStep,
      escalate,
    },
    s,
  );
