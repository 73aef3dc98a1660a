// Gathers what the listing needs: the fleet registry through the Store and the loop directories under
// .superloop/loops/; which loops are shown is lib/dashboard/listing.ts's.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { listingOf, REGISTRY, type Listing } from '../../lib/dashboard/listing.js';
import type { Store } from '../../lib/io/store.js';
import { readDoc } from './loop-files.js';

const listDirs = async (dir: string): Promise<string[]> => {
  try {
    return (await fsp.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

/** The loops of the store's repo: the fleet registry's when it is present and usable, else the directory's. */
export const readListing = async (store: Store): Promise<Listing> =>
  listingOf(
    await readDoc(store, REGISTRY, REGISTRY),
    await listDirs(join(store.root, '.superloop', 'loops')),
  );
