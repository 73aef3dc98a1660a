// Where `fleet promotion-apply` reads and writes: the fleet's paths (registry, opsfold's state dir)
// plus the promotion state, the apply state and the apply telemetry, each as the operator named it
// (printed in `files`) and as an absolute path.
import { join, resolve } from 'node:path';
import type { FleetPaths } from '../../lib/fleet/layout.js';
import { str, type Flag, type Io, type Values } from '../cli/command.js';
import { fleetPaths } from './paths.js';

const OWN = {
  promotionState: ['promotion-state-file', 'promotion-state.json', 'Promotion decision JSON'],
  applyState: ['apply-state-file', 'promotion-apply-state.json', 'Apply state JSON output'],
  applyTelemetry: ['apply-telemetry-file', 'telemetry/promotion-apply.jsonl', 'Apply telemetry JSONL'],
} as const;

export interface ApplyLoc {
  readonly shown: string;
  readonly file: string;
}

export type ApplyPaths = FleetPaths & {
  readonly registry: ApplyLoc;
} & Readonly<Record<keyof typeof OWN, ApplyLoc>>;

/** The flags naming apply's own files, with the reference's help. */
export const applyFileFlags: Record<string, Flag> = Object.fromEntries(
  Object.values(OWN).map(([flag, rel, what]) => [
    flag,
    { type: 'string', arg: 'path', help: `${what}. Default: <repo>/.superloop/ops-manager/fleet/${rel}` },
  ]),
);

/** Resolves every path; a file named by flag is read and written where it is (not confined). */
export const applyPaths = (v: Values, io: Io): ApplyPaths => {
  const base = fleetPaths(io.cwd, v);
  const fleetDir = join(base.repo, '.superloop', 'ops-manager', 'fleet');
  const named = new Set(base.named);
  const loc = (flag: string, rel: string): ApplyLoc => {
    const given = str(v, flag);
    if (given === undefined || given === '') return { shown: join(fleetDir, rel), file: join(fleetDir, rel) };
    named.add(resolve(io.cwd, given));
    return { shown: given, file: resolve(io.cwd, given) };
  };
  const own = Object.fromEntries(
    Object.entries(OWN).map(([key, [flag, rel]]) => [key, loc(flag, rel)]),
  ) as Record<keyof typeof OWN, ApplyLoc>;
  const registryGiven = str(v, 'registry-file');
  const registry = { shown: registryGiven || base.registryFile, file: base.registryFile };
  return { ...base, ...own, registry, named };
};
