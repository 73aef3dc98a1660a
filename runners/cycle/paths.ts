// Where an ops-cycle root keeps its files: the origin's layout (KevinKim-KOR/krx_hyungsoo), unchanged,
// so an operator points opsfold at an existing repository.
import { join } from 'node:path';

export interface CyclePaths {
  readonly root: string;
  readonly requests: string;
  readonly results: string;
  readonly receipts: string;
  readonly emergencyStop: string;
  readonly gate: string;
  readonly windows: string;
  readonly allowlist: string;
  readonly lock: string;
  readonly report: string;
  readonly snapshots: string;
}

/** The root-relative names snapshots, warnings and receipt_refs use. */
export const SHOWN = {
  requests: 'state/tickets/ticket_requests.jsonl',
  results: 'state/tickets/ticket_results.jsonl',
  receipts: 'state/tickets/ticket_receipts.jsonl',
  emergencyStop: 'state/emergency_stop.json',
  gate: 'state/execution_gate.json',
  windows: 'state/real_enable_windows/real_enable_windows.jsonl',
  allowlist: 'docs/contracts/execution_allowlist_v1.json',
  lock: 'state/ops_runner.lock',
  report: 'reports/ops/daily/ops_report_latest.json',
  snapshots: 'reports/ops/daily/snapshots',
} as const;

/** The absolute paths under `root`. */
export const cyclePaths = (root: string): CyclePaths => ({
  root,
  requests: join(root, SHOWN.requests),
  results: join(root, SHOWN.results),
  receipts: join(root, SHOWN.receipts),
  emergencyStop: join(root, SHOWN.emergencyStop),
  gate: join(root, SHOWN.gate),
  windows: join(root, SHOWN.windows),
  allowlist: join(root, SHOWN.allowlist),
  lock: join(root, SHOWN.lock),
  report: join(root, SHOWN.report),
  snapshots: join(root, SHOWN.snapshots),
});
