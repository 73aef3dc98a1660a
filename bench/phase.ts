// What every phase of the bench hands back: its figures as text lines and its targets as PASS/MISS
// rules, stated next to the numbers they judge. A phase that cannot run says why (`skipped`).
export interface Target {
  readonly id: string;
  readonly rule: string;
  readonly value: string;
  readonly pass: boolean;
}

export interface PhaseResult {
  readonly id: string;
  readonly title: string;
  readonly lines: readonly string[];
  readonly targets: readonly Target[];
  readonly figures: Readonly<Record<string, number>>;
  readonly skipped?: string;
}

/** The sizes a run works on: the at full size, a few thousand lines with --quick. */
export interface Sizes {
  readonly replayEvents: number;
  readonly reconcileEvents: number;
  readonly appended: number;
  readonly backlogs: readonly number[];
  readonly longLineBytes: number;
  readonly kpiLines: number;
  readonly spawns: number;
}

export const FULL: Sizes = {
  replayEvents: 1_000_000,
  reconcileEvents: 100_000,
  appended: 10,
  backlogs: [1_000_000, 2_000_000],
  longLineBytes: 100 * 2 ** 20,
  kpiLines: 1_000_000,
  spawns: 5,
};

export const QUICK: Sizes = {
  replayEvents: 3000,
  reconcileEvents: 1000,
  appended: 10,
  backlogs: [2000, 4000],
  longLineBytes: 2 ** 20,
  kpiLines: 2000,
  spawns: 1,
};

export interface Ctx {
  readonly sizes: Sizes;
  /** A fresh scratch directory for this phase, removed after it. */
  readonly dir: string;
  readonly progress: (line: string) => void;
  readonly versusReference: string | null;
}

export const x = (r: number): string => `${r.toFixed(2)} ×`;
export const s = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
export const mb = (m: number): string => `${m.toFixed(0)} MB`;
export const n = (k: number): string => k.toLocaleString('en-US');
export const target = (id: string, rule: string, value: string, pass: boolean): Target => ({
  id,
  rule,
  value,
  pass,
});
