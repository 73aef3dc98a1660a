// The kill harness's workloads, by name. A domain joins by adding one entry: a Workload whose step
// appends and acknowledges records, folds, checkpoints and writes its outputs the way its runners do.
import { kernelWorkload } from './kernel-workload.js';
import { loopWorkload } from './loop-workload.js';
import type { Workload } from './workload.js';

export const workloads: Readonly<Record<string, Workload>> = {
  [kernelWorkload.name]: kernelWorkload,
  [loopWorkload.name]: loopWorkload,
};
