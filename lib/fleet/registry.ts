// What the fleet domain adds to the shared tables: its projections (for replay and the replay laws) and
// the codecs of every artifact it reads or writes (for contracts/). lib/projections.ts and
// lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import type { RegisteredProjection } from '../core/registered-projection.js';

export const fleetProjections: Readonly<Record<string, RegisteredProjection>> = {};

export const fleetContracts: Readonly<Record<string, t.Mixed>> = {};
