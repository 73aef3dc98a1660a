// The size report's arithmetic (pure): lines per folder, runners/ against lib/, and the runner-file
// targets of issue 14 (runners ≤ 40% of lib, median runner file ≤ 60 lines, none over 150).
export interface SourceFile {
  /** Path relative to the package root, with forward slashes. */
  readonly path: string;
  readonly lines: number;
}

export interface Target {
  readonly rule: string;
  readonly value: string;
  readonly pass: boolean;
}

export interface SizeReport {
  readonly folders: readonly { folder: string; files: number; lines: number }[];
  readonly runnersPercentOfLib: number;
  readonly medianRunner: number;
  readonly maxRunner: SourceFile | undefined;
  readonly over150: readonly SourceFile[];
  readonly targets: readonly Target[];
}

const sum = (fs: readonly SourceFile[]): number => fs.reduce((n, f) => n + f.lines, 0);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** `lib/loop/x.ts` → `lib/loop`; a file directly under lib/ or runners/ counts as `lib/(top)`. */
const folderOf = (path: string): string => {
  const [top, second, third] = path.split('/');
  return third === undefined ? `${top}/(top)` : `${top}/${second}`;
};

const byFolder = (files: readonly SourceFile[]): SizeReport['folders'] => {
  const groups = new Map<string, SourceFile[]>();
  for (const f of files) groups.set(folderOf(f.path), [...(groups.get(folderOf(f.path)) ?? []), f]);
  const tops = ['lib', 'runners'].map((top) => {
    const fs = files.filter((f) => f.path.startsWith(`${top}/`));
    return { folder: `${top}/`, files: fs.length, lines: sum(fs) };
  });
  const rest = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, fs]) => ({ folder: `  ${folder}`, files: fs.length, lines: sum(fs) }));
  return [...tops, ...rest];
};

/** The report over the source files of lib/ and runners/ (tests and generated files already left out). */
export const sizeReport = (files: readonly SourceFile[]): SizeReport => {
  const lib = files.filter((f) => f.path.startsWith('lib/'));
  const runners = files.filter((f) => f.path.startsWith('runners/'));
  const runnersPercentOfLib = (100 * sum(runners)) / Math.max(1, sum(lib));
  const medianRunner = median(runners.map((f) => f.lines));
  const maxRunner = [...runners].sort((a, b) => b.lines - a.lines)[0];
  const over150 = runners.filter((f) => f.lines > 150).sort((a, b) => b.lines - a.lines);
  return {
    folders: byFolder(files),
    runnersPercentOfLib,
    medianRunner,
    maxRunner,
    over150,
    targets: [
      {
        rule: 'runners/ ≤ 40% of lib/',
        value: `${runnersPercentOfLib.toFixed(1)} %`,
        pass: runnersPercentOfLib <= 40,
      },
      { rule: 'median runner file ≤ 60 lines', value: `${medianRunner}`, pass: medianRunner <= 60 },
      { rule: 'no runner file over 150 lines', value: `${over150.length} over`, pass: over150.length === 0 },
    ],
  };
};

/** The report as a plain-text table. */
export const formatSize = (r: SizeReport): string =>
  [
    `${'folder'.padEnd(28)}${'files'.padStart(7)}${'lines'.padStart(9)}`,
    ...r.folders.map(
      (f) => `${f.folder.padEnd(28)}${String(f.files).padStart(7)}${String(f.lines).padStart(9)}`,
    ),
    '',
    `runners/ is ${r.runnersPercentOfLib.toFixed(1)} % of lib/; median runner file ${r.medianRunner} lines; ` +
      `largest ${r.maxRunner === undefined ? '-' : `${r.maxRunner.path} (${r.maxRunner.lines})`}`,
    `runner files over 150 lines (${r.over150.length}):`,
    ...r.over150.map((f) => `  ${String(f.lines).padStart(5)}  ${f.path}`),
    '',
    'targets (issue 14):',
    ...r.targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.rule.padEnd(34)} ${t.value}`),
    '',
  ].join('\n');
