// The two gates a replay can close (exit 2): the replay laws over random splits (--check-laws) and a
// diff against an earlier output (--expect). Both print their detail on stderr after the state.
import { resolve } from 'node:path';
import { diffJson } from '../../lib/core/json-diff.js';
import type { Io } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { shown, type Ctx } from './fold.js';

const MAX_DIFF = 50;

const gate = (io: Io, errorLine: string, details: readonly string[]): void => {
  io.stderr.write(`error: ${errorLine}\n${details.map((d) => `  ${d}\n`).join('')}`);
};

export interface LawOptions {
  readonly runs: number;
  readonly seed: number;
}

// fast-check is a test-time library: it loads here, for --check-laws, and never on plain replays.
export const checkLaws = async (
  { io, reg, acc: r }: Ctx,
  files: readonly string[],
  o: LawOptions,
): Promise<boolean> => {
  const { replayLaws } = await import('../../lib/testing/replay-laws.js');
  const res = replayLaws(reg.projection, r.kept, o);
  if (res.ok) {
    io.stderr.write(
      `note: replay laws hold for ${reg.projection.name} over ${r.events} events (${res.runs} runs, seed ${res.seed})\n`,
    );
    return true;
  }
  const { eventIndex, position, splitIndex, chunkSizes } = res.counterexample;
  const file = eventIndex === null ? undefined : files[r.fileOf[eventIndex] ?? -1];
  const where =
    file === undefined || position === null
      ? 'no single event'
      : `${shown(io, file)}:${position.line}:${position.byteOffset}`;
  gate(io, `replay law '${res.law}' fails for ${reg.projection.name} (seed ${res.seed})`, [
    `first counterexample: ${where} (split after ${splitIndex} events, then chunks [${chunkSizes.join(', ')}])`,
    res.message,
    `reproduce with: --check-laws --seed ${res.seed} --runs ${o.runs}`,
  ]);
  return false;
};

interface Expectation {
  readonly file: string;
  readonly projection: unknown;
  readonly state: unknown;
}

/** Reads --expect before any folding, so a missing or malformed expectation fails (exit 1) before output. */
export const loadExpectation = async (io: Io, file: string): Promise<Expectation> => {
  const doc = await readJsonDoc(resolve(io.cwd, file), `invalid JSON in --expect ${file}`, file);
  if (!doc.found)
    throw new CliError(`no such file: ${file}`, ['--expect takes the output of an earlier replay']);
  const v = doc.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('state' in v)) {
    throw new CliError(`${file} is not a replay output: it has no "state"`);
  }
  const o = v as { projection?: unknown; state: unknown };
  return { file, projection: o.projection, state: o.state };
};

export const checkExpect = (io: Io, e: Expectation, name: string, state: unknown): boolean => {
  if (e.projection !== name)
    io.stderr.write(`note: ${e.file} was written for projection ${String(e.projection)}\n`);
  const diff = diffJson(e.state, state, MAX_DIFF + 1);
  if (diff.length === 0) return true;
  const more = diff.length > MAX_DIFF ? [`... more differences not shown (first ${MAX_DIFF} above)`] : [];
  gate(io, `state differs from ${e.file}`, [...diff.slice(0, MAX_DIFF), ...more]);
  return false;
};
