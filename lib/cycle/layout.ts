// Where an ops-cycle root keeps its files: the origin's layout (KevinKim-KOR/krx_hyungsoo), unchanged,
// so an operator points opsfold at an existing repository. Names are relative to the root.

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
