// Renders the demo's rows as a plain-text table (pure).
export interface DemoRow {
  readonly fixture: string;
  readonly loop: string;
  readonly lifecycle: string;
  readonly flags: string;
  readonly events: string;
  readonly note: string;
}

const COLUMNS: readonly (keyof DemoRow)[] = ['fixture', 'loop', 'lifecycle', 'flags', 'events', 'note'];

export const renderTable = (rows: readonly DemoRow[]): string => {
  const widths = COLUMNS.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((c) => c.toUpperCase())),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(COLUMNS.map((c) => r[c]))),
  ]
    .join('\n')
    .concat('\n');
};
