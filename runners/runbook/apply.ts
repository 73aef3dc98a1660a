// The runbook's executor: each effect replaces one file atomically, in the order the decision gave,
// through a Store confined to the root the file belongs to. A text (the SummaryFile's TXT,
// last_checkpoint.txt) is confined the same way; a refusal is an `error:` line, exit 1.
import { applyEffects } from '../../lib/io/effects.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import type { Store } from '../../lib/io/store.js';
import type { TosEffect } from '../../lib/runbook/summary-plan.js';
import { CliError } from '../cli/errors.js';

const refused = (err: ConfinementError): CliError =>
  new CliError(`cannot write ${err.file}`, [`refused: ${err.reason}`]);

/** Writes `text` to `path` atomically when its real location is under `root`. */
export const writeTextConfined = async (root: string, path: string, text: string | Buffer): Promise<void> => {
  const c = await confine(root, path);
  if (!c.ok) throw refused(new ConfinementError(c.path, c.reason));
  await writeFileAtomic(c.path, text);
};

const applyOne = async (store: Store, e: TosEffect): Promise<void> => {
  if (e.kind === 'write') await applyEffects({ store }, [e]);
  else await writeTextConfined(store.root, e.path, e.text);
};

/** Applies `effects` one at a time; `storeFor` names the Store (the root) each path is confined to. */
export const applyTosEffects = async (
  storeFor: (path: string) => Store,
  effects: readonly TosEffect[],
): Promise<void> => {
  for (const e of effects) {
    try {
      await applyOne(storeFor(e.path), e);
    } catch (err) {
      throw err instanceof ConfinementError ? refused(err) : err;
    }
  }
};
