// The dashboard's read model: which loops there are (registry or directory listing) and one
// LoopModel per loop, refreshed on change signals. A refresh stats every file first and refolds only
// the loops whose files changed; a loop that fails to read is shown with the error, never dropped.
// The reading is the edge's (DashboardEdge, built by the runner; in memory in tests).
import { listingOf, REGISTRY, type Listing } from './listing.js';
import { readDoc } from './loop-files.js';
import { LoopModel, type LoopEdge } from './loop-model.js';
import type { AsOf } from './loop-view.js';
import { withFailure } from './overview.js';

/** The loops' edge, and how the list of loops is found. */
export interface DashboardEdge extends LoopEdge {
  /** The names of the directories under .superloop/loops/ (none when it cannot be listed). */
  loopDirs(): Promise<string[]>;
  /** The directories whose changes can change the list of loops. */
  readonly listDirs: readonly string[];
}

export interface Change {
  readonly version: number;
  readonly loopIds: readonly string[];
  readonly listChanged: boolean;
}

/** The loops of the repo: the fleet registry's when it is present and usable, else the directory's. */
export const readListing = async (edge: DashboardEdge): Promise<Listing> =>
  listingOf(await readDoc(edge.store, REGISTRY, REGISTRY), await edge.loopDirs());

export class ReadModel {
  private listing: Listing = { source: 'directory', fleetId: null, loops: [], registry: null, notes: [] };
  private listKey = '';
  private readonly models = new Map<string, LoopModel>();
  private readonly failures = new Map<string, string>();
  version = 0;

  constructor(private readonly edge: DashboardEdge) {}

  get repo(): string {
    return this.edge.store.root;
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
    return [...this.edge.listDirs, ...[...this.models.values()].flatMap((m) => m.files.dirs)];
  }

  /** Re-lists the loops and refreshes each; null when nothing changed. */
  async refresh(): Promise<Change | null> {
    const listing = await readListing(this.edge);
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
        known !== undefined && known.listed.enabled === l.enabled ? known : new LoopModel(this.edge, l);
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
