// What the dashboard server is started with, and what a running one offers (the command, the demo
// and the tests hold it).
import type * as http from 'node:http';
import type { Observable } from 'rxjs';
import type { DomainEdges } from '../../lib/dashboard/domain-sections.js';
import type { Command, Io } from '../cli/command.js';
import type { ControlConfig } from './control.js';
import type { Asset } from './static.js';
import type { DashboardStore } from './store.js';
import type { WatchDir } from './dir-watcher.js';

export interface DashboardOptions {
  readonly store: DashboardStore;
  readonly clock: () => number;
  readonly asOfIso: string | null;
  /** The commands the domain views run, and what they run with. */
  readonly commands: () => Promise<readonly Command[]>;
  readonly viewIo: Omit<Io, 'stdout' | 'stderr'>;
  /** The harness's and the ops cycle's ports (null: those views are not shown). */
  readonly domains: DomainEdges | null;
  readonly host: string;
  readonly port: number;
  readonly control: ControlConfig;
  readonly ticks: Observable<unknown>;
  readonly watchDir?: WatchDir;
  readonly assets: ReadonlyMap<string, Asset>;
  /** Where refresh failures are reported (stderr in the command). */
  readonly warn: (line: string) => void;
}

export interface RunningDashboard {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  readonly store: DashboardStore;
  /** Re-reads now and pushes any change (tests and control use it). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}
