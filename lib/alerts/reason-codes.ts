// The closed list of reason codes alert dispatch writes to telemetry and state (seed 002, "Alert
// Dispatch Reason Codes"). Every failure or skip names exactly one of these.

export const ALERT_DISPATCH_REASON_CODES = [
  'invalid_escalation_json',
  'missing_escalation_category',
  'route_resolution_failed',
  'invalid_route_resolution',
  'severity_below_min',
  'no_dispatchable_sinks',
  'missing_secret',
  'http_error',
  'request_failed',
  'unsupported_sink_type',
  'invalid_sink_result',
  'sink_dispatch_failed',
  'partial_dispatch_failure',
  'dispatch_failed',
  'alert_dispatch_failed',
] as const;

export type AlertReasonCode = (typeof ALERT_DISPATCH_REASON_CODES)[number];

/** Reason codes a single sink delivery can end with. */
export type SinkReasonCode = Extract<
  AlertReasonCode,
  | 'missing_secret'
  | 'http_error'
  | 'request_failed'
  | 'unsupported_sink_type'
  | 'invalid_sink_result'
  | 'sink_dispatch_failed'
>;

/** Pure: the reference keeps failure codes as `unique` does in jq: sorted, without duplicates. */
export const uniqueSorted = <T extends string>(codes: readonly T[]): T[] =>
  [...new Set(codes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
