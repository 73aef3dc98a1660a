// The text form of `harness status`: one aligned row per task, evidence signals last.
import type { HarnessStatusRow } from './output-codecs.js';

const COLUMNS = ['TASK', 'SPAWN', 'LIVENESS', 'ALERT', 'CLOSEOUT', 'COLLECTED', 'FINISH', 'EVIDENCE'];

const cells = (r: HarnessStatusRow): string[] => [
  r.task_id,
  r.spawn_state,
  r.liveness,
  r.alert_class ?? '-',
  r.closeout_stage,
  r.collected_by ?? '-',
  r.finish_profile ?? '-',
  r.spawn_signals.join(','),
];

/** Pure: the rows as an aligned text table (the last column is not padded). */
export const statusTable = (rows: readonly HarnessStatusRow[]): string => {
  const all = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return (
    all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n') +
    '\n'
  );
};
