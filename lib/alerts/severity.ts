// Alert severities and their order. The reference ranks info < warning < critical and rejects anything
// else; a route dispatches when the event's rank reaches the route's minimum.

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Pure: is `v` one of info, warning, critical? */
export const isSeverity = (v: unknown): v is Severity =>
  typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);

/** Pure: 1 for info, 2 for warning, 3 for critical. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s) + 1;

/** The reference's wording when a severity flag holds anything else. */
export const SEVERITY_CHOICES = '--severity must be one of: info, warning, critical';
