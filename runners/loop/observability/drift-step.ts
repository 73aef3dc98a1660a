// The profile drift step (lib/loop/drift-step.ts) on the loop's files: the drift state's lock (waited
// for up to 10 s), its JSON, the state and history writers and the escalations log.
import { withLock } from '../../../lib/io/lock.js';
import { driftStep, type DriftOutcome, type DriftStep } from '../../../lib/loop/drift-step.js';
import { dirname } from 'node:path';
import { loopRoots, readArtifactDoc } from '../../cli/artifacts.js';
import { escalate } from './escalations-log.js';
import { persistStepUnder } from './step-files.js';

/** Evaluates drift and performs its writes; waits up to 10 s for the drift state's lock. */
export const runDriftStep = (s: DriftStep): Promise<DriftOutcome> => {
  const roots = loopRoots({ repo: s.root ?? dirname(s.escalationsFile), opsfoldDir: s.opsfoldDir });
  return driftStep(
    {
      lock: (file, fn) => withLock(file, { waitMs: 10_000 }, fn),
      previous: async (file) => {
        const prev = await readArtifactDoc(roots, file, `invalid drift state JSON: ${file}`);
        return prev.found ? prev.value : {};
      },
      persist: persistStepUnder(roots),
      escalate,
    },
    s,
  );
};
