// Writes an ops-cycle root (the origin's layout) from a small description: the tests, the property tests
// and the demo build their fixture trees with it. Records are written as the origin writes them, one
// JSON object per line; a string stands for raw file content (to write broken files on purpose).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SHOWN } from '../../lib/cycle/layout.js';

type Doc = object | string | null | undefined;

export interface RootSpec {
  readonly requests?: readonly object[] | string;
  readonly results?: readonly object[] | string;
  readonly receipts?: readonly object[] | string;
  readonly windows?: readonly object[] | string;
  /** undefined: the default document; null: no file; a string: raw content. */
  readonly emergencyStop?: Doc;
  readonly gate?: Doc;
  readonly allowlist?: Doc;
  readonly lock?: Doc;
  /** Other files by root-relative path (preflight inputs, report directories …). */
  readonly files?: Readonly<Record<string, string>>;
}

const put = (root: string, rel: string, text: string): void => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

const lines = (v: readonly object[] | string): string =>
  typeof v === 'string' ? v : v.map((r) => `${JSON.stringify(r)}\n`).join('');

const putDoc = (root: string, rel: string, doc: Doc, fallback: object | null): void => {
  const v = doc === undefined ? fallback : doc;
  if (v === null) return;
  put(root, rel, typeof v === 'string' ? v : `${JSON.stringify(v, null, 2)}\n`);
};

/** The origin's allowlist (docs/contracts/execution_allowlist_v1.json) for the two request types it runs. */
export const originAllowlist = (rules: Record<string, object> = {}): object => ({
  schema: 'REAL_EXECUTION_ALLOWLIST_V1',
  version: '1.0',
  asof: '2026-01-03',
  allowed_request_types: ['REQUEST_RECONCILE', 'REQUEST_REPORTS'],
  rules: {
    REQUEST_RECONCILE: {
      real_command_allowlist: [['python', '-m', 'app.reconcile']],
      required_inputs: ['config/production_config_v2.py'],
    },
    REQUEST_REPORTS: {
      real_command_allowlist: [['python', '-m', 'app.generate_reports']],
      required_inputs: ['reports/phase_c/latest/recon_summary.json'],
    },
    ...rules,
  },
});

/** Writes `spec` under `root` (ticket logs always exist, empty when not given). */
export const writeRoot = (root: string, spec: RootSpec): void => {
  put(root, SHOWN.requests, lines(spec.requests ?? []));
  put(root, SHOWN.results, lines(spec.results ?? []));
  put(root, SHOWN.receipts, lines(spec.receipts ?? []));
  if (spec.windows !== undefined) put(root, SHOWN.windows, lines(spec.windows));
  putDoc(root, SHOWN.emergencyStop, spec.emergencyStop, { schema: 'EMERGENCY_STOP_V1', enabled: false });
  putDoc(root, SHOWN.gate, spec.gate, { schema: 'EXECUTION_GATE_V1', mode: 'MOCK_ONLY' });
  putDoc(root, SHOWN.allowlist, spec.allowlist, originAllowlist());
  putDoc(root, SHOWN.lock, spec.lock, null);
  for (const [rel, text] of Object.entries(spec.files ?? {})) put(root, rel, text);
};

/** A TICKET_REQUEST_V1 line. */
export const request = (
  id: string,
  requestedAt: string,
  type = 'REQUEST_REPORTS',
  payload: object = {},
): object => ({
  schema: 'TICKET_REQUEST_V1',
  request_id: id,
  requested_at: requestedAt,
  request_type: type,
  payload,
  status: 'OPEN',
  trace_id: null,
});

/** A TICKET_RESULT_V1 line. */
export const result = (id: string, processedAt: string, status: string): object => ({
  schema: 'TICKET_RESULT_V1',
  result_id: `${id}-${status}-${processedAt}`,
  request_id: id,
  processed_at: processedAt,
  status,
  processor_id: 'fixture',
  message: status,
  artifacts: [],
});

/** An EXECUTION_RECEIPT_V3 line. */
export const receiptV3 = (id: string, asof: string, decision: string, mode = 'MOCK_ONLY'): object => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof,
  receipt_id: `${id}-receipt-${asof}`,
  request_id: id,
  request_type: 'REQUEST_REPORTS',
  mode,
  decision,
  exit_code: decision === 'BLOCKED' ? null : 0,
  outputs_proof: { latest_dir: 'reports/phase_c/latest/', targets: [] },
  acceptance: {
    pass: decision === 'EXECUTED',
    reason: decision === 'BLOCKED' ? 'BLOCKED_BY_SAFETY_CHECK' : 'MOCK_MODE',
  },
});

/** A CREATE line of the window log. */
export const windowCreate = (
  id: string,
  createdAt: string,
  expiresAt: string,
  types = ['REQUEST_REPORTS'],
): object => ({
  schema: 'REAL_ENABLE_WINDOW_V1',
  event: 'CREATE',
  window_id: id,
  created_at: createdAt,
  expires_at: expiresAt,
  created_by: 'api',
  reason: 'fixture',
  allowed_request_types: types,
  max_real_executions: 1,
  real_executions_used: 0,
  status: 'ACTIVE',
});

/** A CONSUME (or REVOKE) line of the window log. */
export const windowEvent = (id: string, event: 'CONSUME' | 'REVOKE', at: string): object => ({
  schema: 'REAL_ENABLE_WINDOW_V1',
  event,
  window_id: id,
  [event === 'CONSUME' ? 'consumed_at' : 'revoked_at']: at,
});
