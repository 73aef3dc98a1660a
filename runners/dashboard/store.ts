// The dashboard's read model: which loops there are (registry or directory listing) and one
// LoopModel per loop, refreshed on change signals. A refresh stats every file first and refolds only
// the loops whose files changed; a loop that fails to read is shown with the error, never dropped.
import { join } from 'node:path';
import { withFailure } from '../../lib/dashboard/overview.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import type { Listing } from '../../lib/dashboard/listing.js';
import { readListing } from './listing.js';
import { LoopModel } from './loop-model.js';
import type { AsOf } from './loop-views.js';

export interface Change {
  readonly version: number;
  readonly loopIds: readonly string[];
  readonly listChanged: boolean;
}

export class DashboardStore {
  private listing: Listing = { source: 'directory', fleetId: null, loops: [], registry: null, notes: [] };
  private listKey = '';
  private readonly models = new Map<string, LoopModel>();
  private readonly failures = new Map<string, string>();
  private readonly docs: Store;
  version = 0;

  constructor(
    readonly repo: string,
    readonly stateDir: string,
  ) {
    this.docs = fileStore(repo);
  }

  get current(): Listing {
    return this.listing;
  }

  model(loopId: string): LoopModel | undefined {
    return this.models.get(loopId);
  }

  failureOf(loopId: string): string | null {
    return this.failures.get(loopId) ?? null;
  }

  /** Every directory whose changes can change a view. */
  watchDirs(): string[] {
    const sl = join(this.repo, '.superloop');
    const fixed = [sl, join(sl, 'loops'), join(sl, 'ops-manager'), join(sl, 'ops-manager', 'fleet')];
    return [...fixed, ...[...this.models.values()].flatMap((m) => m.files.dirs)];
  }

  /** Re-lists the loops and refreshes each; null when nothing changed. */
  async refresh(): Promise<Change | null> {
    const listing = await readListing(this.docs);
    const key = JSON.stringify([listing.loops, listing.registry, listing.notes]);
    const listChanged = key !== this.listKey;
    this.listing = listing;
    this.listKey = key;
    const ids = new Set(listing.loops.map((l) => l.loopId));
    for (const id of [...this.models.keys()]) if (!ids.has(id)) this.models.delete(id);
    const changed: string[] = [];
    for (const l of listing.loops) {
      const known = this.models.get(l.loopId);
      const model =
        known !== undefined && known.listed.enabled === l.enabled
          ? known
          : new LoopModel(this.docs, this.stateDir, l);
      this.models.set(l.loopId, model);
      if (await this.refreshOne(model)) changed.push(l.loopId);
    }
    if (!listChanged && changed.length === 0) return null;
    this.version += 1;
    return { version: this.version, loopIds: changed, listChanged };
  }

  private async refreshOne(model: LoopModel): Promise<boolean> {
    try {
      const changed = await model.refresh();
      const hadFailure = this.failures.delete(model.loopId);
      return changed || hadFailure;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const changed = this.failures.get(model.loopId) !== message;
      this.failures.set(model.loopId, message);
      return changed;
    }
  }

  /** The rows of every listed loop as of `asOf` (a loop that failed to read carries its error). */
  rows(asOf: AsOf) {
    return this.listing.loops.flatMap((l) => {
      const m = this.models.get(l.loopId);
      if (m === undefined) return [];
      const failure = this.failures.get(l.loopId) ?? null;
      return [withFailure(m.row(asOf), m.files.shown(m.files.paths.loopDir), failure)];
    });
  }
}
