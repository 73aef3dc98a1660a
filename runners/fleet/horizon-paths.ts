// Where the horizon bridge reads and writes: every path flag resolved as the reference does (relative
// to the repo), with the ones the operator named remembered (read and written as named, not confined).
import { isAbsolute, join, resolve } from 'node:path';
import { str, type Flag, type Values } from '../cli/command.js';
import { moveRootOf, type BridgePaths } from './horizon-claims.js';

const FLEET = '.superloop/ops-manager/fleet';
export const DEFAULTS = {
  'outbox-dir': '.superloop/horizons/outbox',
  'claims-dir': `${FLEET}/horizon-bridge-claims`,
  'queue-file': `${FLEET}/horizon-bridge-queue.json`,
  'state-file': `${FLEET}/horizon-bridge-state.json`,
  'telemetry-file': `${FLEET}/telemetry/horizon-bridge.jsonl`,
} as const;
type PathFlag = keyof typeof DEFAULTS;

export const pathFlag = (help: string): Flag => ({ type: 'string', arg: 'path', help });

/** Every path flag resolved as the reference does: relative to the repo; named ones remembered. */
export const pathsOf = (v: Values, repo: string): BridgePaths => {
  const given = (flag: PathFlag): string | undefined => str(v, flag) || undefined;
  const at = (flag: PathFlag): string => {
    const raw = given(flag) ?? DEFAULTS[flag];
    return isAbsolute(raw) ? raw : resolve(join(repo, raw));
  };
  const flags = Object.keys(DEFAULTS) as PathFlag[];
  return {
    repo,
    outboxDir: at('outbox-dir'),
    claimsDir: at('claims-dir'),
    queueFile: at('queue-file'),
    stateFile: at('state-file'),
    telemetryFile: at('telemetry-file'),
    named: new Set(flags.filter((f) => given(f) !== undefined).map(at)),
    moveRoot: moveRootOf(
      repo,
      (['outbox-dir', 'claims-dir'] as const).filter((f) => given(f) !== undefined),
    ),
  };
};
