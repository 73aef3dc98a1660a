// The CI job summary of `fleet promotion-ci`, line for line as the reference writes it, except that
// every path is a real code span: the reference escapes its backticks (\`path\`), so a CI renderer shows
// stray backticks and reads `_` or `*` in a path as emphasis. Law: codeSpan(s) renders as exactly s for
// any s without control characters (CommonMark code spans: a fence longer than any backtick run in s,
// padded with one space when s touches a backtick or has a space at both ends); control characters are
// shown as escapes (`\n`) so nothing in a path can end the line or the list item.

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const visible = (s: string): string =>
  [...s]
    .map((c) => (isControl(c) ? (NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : c))
    .join('');

/** Pure: `s` as a CommonMark code span that renders literally. */
export const codeSpan = (raw: string): string => {
  const s = visible(raw);
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const spacedBothEnds = s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '';
  const pad = s === '' || s.startsWith('`') || s.endsWith('`') || spacedBothEnds ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
};

const TITLE = '## Ops Manager Promotion CI';

export interface CiSummaryInput {
  readonly decision: string;
  readonly failedGates: readonly string[];
  readonly reasonCodes: readonly string[];
  readonly resultFile: string;
  readonly promotionStateFile: string;
  readonly promotionTelemetryFile: string;
}

const csvOrNone = (xs: readonly string[]): string => (xs.length === 0 ? 'none' : xs.join(', '));

/** Pure: the summary of an evaluated run (promote or hold). */
export const ciSummaryMarkdown = (x: CiSummaryInput): string =>
  [
    TITLE,
    '',
    `Decision: ${codeSpan(x.decision)}`,
    '',
    `Failed gates: ${csvOrNone(x.failedGates)}`,
    '',
    `Reason codes: ${csvOrNone(x.reasonCodes)}`,
    '',
    `Result JSON: ${codeSpan(x.resultFile)}`,
    '',
    `Promotion state: ${codeSpan(x.promotionStateFile)}`,
    '',
    `Promotion telemetry: ${codeSpan(x.promotionTelemetryFile)}`,
    '',
  ].join('\n');

/** Pure: the summary of a run skipped for missing evidence, listing each missing path. */
export const ciSkippedMarkdown = (missingPaths: readonly string[], reasonCode: string): string =>
  [
    TITLE,
    '',
    `Decision: ${codeSpan('skipped')}`,
    '',
    `Reason codes: ${codeSpan(reasonCode)}`,
    '',
    'Missing evidence paths:',
    ...missingPaths.map((p) => `- ${codeSpan(p)}`),
    '',
  ].join('\n');
