// The runbook's executor: each effect replaces one file atomically, in the order the decision gave,
// through a Store confined to the root the file belongs to; a refusal is an `error:` line, exit 1.
import { applyEffects } from '../../lib/io/effects.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import type { TosEffect } from '../../lib/runbook/summary-plan.js';
import { refusedAs } from '../cli/refused-write.js';

/** Writes `text` to `path` atomically when its real location is under `root`. */
export const writeTextConfined = (root: string, path: string, text: string | Buffer): Promise<void> =>
  refusedAs(() => fileStore(root).writeText(path, text));

/** Applies `effects` one at a time; `storeFor` names the Store (the root) each path is confined to. */
export const applyTosEffects = async (
  storeFor: (path: string) => Store,
  effects: readonly TosEffect[],
): Promise<void> => {
  for (const e of effects) await refusedAs(() => applyEffects({ store: storeFor(e.path) }, [e]));
};
