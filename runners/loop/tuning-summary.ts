// Tuning guidance for `loop status`: the telemetry summary over the last N reconcile and control
// records, or null when there is no reconcile telemetry yet or it cannot be read (as the reference
// does: its status never fails on the summary).
import { existsSync } from 'node:fs';
import { CliError } from '../cli/errors.js';
import type { ManagerFiles } from '../cli/manager-files.js';
import { readTelemetrySummary } from './observability/telemetry-window.js';
import type { LoopPaths } from '../cli/loop-paths.js';

export const tuningSummaryOf = async (
  p: LoopPaths,
  files: ManagerFiles,
  window: number,
  generatedAt: string,
): Promise<unknown> => {
  if (!existsSync(files.reconcileTelemetryFile)) return null;
  try {
    return await readTelemetrySummary({
      repoPath: p.repo,
      loopId: p.loopId,
      reconcileFile: { path: files.reconcileTelemetryFile, shownAs: files.reconcileTelemetryFile },
      controlFile: { path: files.controlTelemetryFile, shownAs: files.controlTelemetryFile },
      window,
      generatedAt,
    });
  } catch (err) {
    if (err instanceof CliError) return null;
    throw err;
  }
};
