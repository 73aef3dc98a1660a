// The telemetry summary over files: reads the last `window` records of the reconcile and control
// telemetry logs backwards from their ends and hands them to the pure summary. Shared by
// `opsfold loop telemetry-summary`, status and reconcile's drift step.
import { existsSync } from 'node:fs';
import { CorruptLineError } from '../../../lib/io/jsonl-errors.js';
import { summarizeTelemetry, type TelemetrySummary } from '../../../lib/loop/telemetry-summary.js';
import { CliError } from '../../cli/errors.js';
import { tailJsonl } from './tail-jsonl.js';

export interface TelemetryWindow {
  readonly repoPath: string;
  readonly loopId: string;
  /** Paths to read, and the text printed for each (the reference prints them as given). */
  readonly reconcileFile: { readonly path: string; readonly shownAs: string };
  readonly controlFile: { readonly path: string; readonly shownAs: string };
  readonly window: number;
  readonly generatedAt: string;
}

const tail = async (file: { path: string; shownAs: string }, n: number): Promise<unknown[]> => {
  try {
    return await tailJsonl(file.path, n);
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`invalid telemetry JSON: ${file.shownAs}`, [
      `${file.shownAs}:${err.line}:${err.byteOffset}: ${err.reason}`,
    ]);
  }
};

/** The summary of the last `window` records; the reconcile log must exist (reference wording). */
export const readTelemetrySummary = async (w: TelemetryWindow): Promise<TelemetrySummary> => {
  if (!existsSync(w.reconcileFile.path))
    throw new CliError(`reconcile telemetry file not found: ${w.reconcileFile.shownAs}`);
  return summarizeTelemetry({
    generatedAt: w.generatedAt,
    repoPath: w.repoPath,
    loopId: w.loopId,
    reconcileTelemetryFile: w.reconcileFile.shownAs,
    controlTelemetryFile: w.controlFile.shownAs,
    window: w.window,
    reconcile: await tail(w.reconcileFile, w.window),
    control: await tail(w.controlFile, w.window),
  });
};
