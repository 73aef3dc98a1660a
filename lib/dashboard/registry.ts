// What the dashboard adds to the shared contracts table: the codecs of what it answers. It reads the
// other domains' artifacts through their contracts and writes nothing but its own checkpoints (whose
// contract is opsfold-checkpoint). lib/contracts-registry.ts merges this.
import type * as t from 'io-ts';
import { LoopDetail, LoopRow } from './outputs.js';

export const dashboardContracts: Readonly<Record<string, t.Mixed>> = {
  'dashboard-loop-row': LoopRow,
  'dashboard-loop-detail': LoopDetail,
};
