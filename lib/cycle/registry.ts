// What the cycle domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import type { RegisteredProjection } from '../core/registered-projection.js';

export const cycleProjections: Readonly<Record<string, RegisteredProjection>> = {};

export const cycleContracts: Readonly<Record<string, t.Mixed>> = {};
