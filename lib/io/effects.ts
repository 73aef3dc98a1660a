// Effects as data: a decision returns what should change (documents to write, records to append, a
// cursor or checkpoint to save) and one executor applies them in the crash-safe order of README
// "Guarantees": appends, then document writes, then cursors and checkpoints last. A crash or failure
// anywhere before the last step leaves the cursor where it was, so the next run re-reads the same
// bytes instead of skipping them.
import type { Checkpoint } from '../core/position.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { Store } from './store.js';

/** One change to make. Paths are relative to the Store's root. */
export type Effect =
  | { readonly kind: 'append'; readonly path: string; readonly records: readonly unknown[] }
  | { readonly kind: 'write'; readonly path: string; readonly value: unknown; readonly pretty?: boolean }
  | { readonly kind: 'text'; readonly path: string; readonly text: string }
  | { readonly kind: 'cursor'; readonly path: string; readonly value: unknown }
  | { readonly kind: 'checkpoint'; readonly key: string; readonly checkpoint: Checkpoint<unknown> };

/** Where effects go. */
export interface EffectTargets {
  readonly store: Store;
  readonly checkpoints?: CheckpointStore;
}

const PHASE: Record<Effect['kind'], number> = { append: 0, write: 1, text: 1, cursor: 2, checkpoint: 2 };

/** Pure: the effects in the order they must be applied (stable within a phase). */
export const orderEffects = (effects: readonly Effect[]): readonly Effect[] =>
  effects
    .map((effect, i) => ({ effect, i }))
    .sort((a, b) => PHASE[a.effect.kind] - PHASE[b.effect.kind] || a.i - b.i)
    .map(({ effect }) => effect);

const applyOne = async (targets: EffectTargets, effect: Effect): Promise<void> => {
  switch (effect.kind) {
    case 'append':
      return targets.store.append(effect.path, effect.records);
    case 'write':
      return targets.store.write(effect.path, effect.value, { pretty: effect.pretty });
    case 'text':
      return targets.store.writeText(effect.path, effect.text);
    case 'cursor':
      return targets.store.write(effect.path, effect.value, { pretty: false });
    case 'checkpoint':
      if (targets.checkpoints === undefined) throw new Error('a checkpoint effect needs a CheckpointStore');
      return targets.checkpoints.save(effect.key, effect.checkpoint);
  }
};

/**
 * Applies `effects` one at a time in the crash-safe order. The first failure is rethrown and nothing
 * after it is applied (in particular no cursor or checkpoint). Returns how many were applied.
 */
export const applyEffects = async (targets: EffectTargets, effects: readonly Effect[]): Promise<number> => {
  let applied = 0;
  for (const effect of orderEffects(effects)) {
    await applyOne(targets, effect);
    applied += 1;
  }
  return applied;
};
