// The bench's report: the machine, each phase's figures and every target as PASS or MISS, as text for a
// terminal and BENCHMARKS.md, or as one JSON object. Ratios within one run are the figures that mean
// something on a shared machine; the load average at both ends says how shared it was.
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import type { PhaseResult } from './phase.js';

export interface Machine {
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
}

const cpuInfo = (): string => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
};

const cpuModel = (): string => {
  const info = cpuInfo();
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1] ?? cpus()[0]?.model ?? 'unknown';
};

export const machine = (): Machine => ({
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpuModel(),
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
});

export interface Report {
  readonly machine: Machine;
  readonly mode: 'full' | 'quick';
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly phases: readonly PhaseResult[];
}

const load = (xs: readonly number[]): string => xs.map((v) => v.toFixed(2)).join(' ');

export const report = (
  mode: Report['mode'],
  start: readonly number[],
  phases: readonly PhaseResult[],
): Report => ({ machine: machine(), mode, loadAverage: { start, end: loadavg() }, phases });

export const formatText = (r: Report): string => {
  const m = r.machine;
  const head = [
    `opsfold bench (${r.mode}) — node ${m.node}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB`,
    `load average at start ${load(r.loadAverage.start)}, at end ${load(r.loadAverage.end)}`,
    r.mode === 'quick' ? 'quick mode: small inputs, checks only; the timings mean nothing' : '',
  ];
  const body = r.phases.flatMap((p) => ['', `[${p.id}] ${p.title}`, ...p.lines.map((l) => `  ${l}`)]);
  const targets = r.phases.flatMap((p) => p.targets);
  return [
    ...head.filter((l) => l !== ''),
    ...body,
    '',
    'targets:',
    ...targets.map((t) => `  ${t.pass ? 'PASS' : 'MISS'}  ${t.rule.padEnd(46)} ${t.value}`),
    '',
  ].join('\n');
};
