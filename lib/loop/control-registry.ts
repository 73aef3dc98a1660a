// What the loop manager's control part adds to the shared tables: projections (for replay and the replay
// laws) and artifact codecs (for contracts/). lib/projections.ts and lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import type { RegisteredProjection } from '../core/registered-projection.js';

export const loopControlProjections: Readonly<Record<string, RegisteredProjection>> = {};

export const loopControlContracts: Readonly<Record<string, t.Mixed>> = {};
