// The body of a dispatch pass, inside the lock: resume at the reference's line cursor, retry the rows
// the ledger says still owe a delivery, process new rows (at most --max-escalations), write the state.
import { promises as fsp } from 'node:fs';
import { pendingRows, recordedRow } from '../../lib/alerts/ledger.js';
import { countRow, noCounts, type RowKind, type RunCounts } from '../../lib/alerts/outcome.js';
import { uniqueSorted, type AlertReasonCode } from '../../lib/alerts/reason-codes.js';
import {
  dispatchState,
  noRetries,
  type DispatchStateDoc,
  type RetryCounts,
} from '../../lib/alerts/dispatch-state.js';
import { isObject } from '../../lib/alerts/json.js';
import type { Cursor, SourceFingerprint } from '../../lib/core/position.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import type { LastLine } from '../../lib/io/checkpoints.js';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { processRow, type RowCtx } from './dispatch-row.js';
import type { RowLine, RowReport } from '../../lib/alerts/row-step.js';
import {
  fingerprintOf,
  lineCountFrom,
  readRowAt,
  readRows,
  resumeAt,
  type SavedCursor,
} from './escalation-file.js';
import type { AlertPaths } from './paths.js';

export interface PassResult {
  readonly state: DispatchStateDoc;
  readonly notes: readonly string[];
}

const wholeNumber = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;

const readSaved = async (p: AlertPaths): Promise<SavedCursor> => {
  const doc = await readJsonDoc(p.state.abs, `invalid dispatch state JSON: ${p.state.shown}`, p.state.shown);
  const v = doc.found && isObject(doc.value) ? doc.value : {};
  const fp = v['escalationsFingerprint'];
  return {
    lines: wholeNumber(v['escalationsLineOffset']) ?? 0,
    byteOffset: wholeNumber(v['escalationsByteOffset']),
    fingerprint:
      isObject(fp) && typeof fp['headSha256'] === 'string' ? (fp as unknown as SourceFingerprint) : null,
  };
};

const addRetry = (r: RetryCounts, report: RowReport): RetryCounts => ({
  ...r,
  rows: r.rows + 1,
  dispatched: r.dispatched + (report.kind === 'dispatched' || report.kind === 'partial' ? 1 : 0),
  failed: r.failed + (report.kind === 'failed' || report.kind === 'partial' ? 1 : 0),
  abandoned: r.abandoned + (report.abandoned ? 1 : 0),
  failureCodes: uniqueSorted([...r.failureCodes, ...report.codes]),
});

/** Retries the pending rows at or before the cursor (later ones are met again as new rows). */
const retryPending = async (
  ctx: RowCtx,
  file: string,
  upTo: number,
  notes: string[],
): Promise<RetryCounts> => {
  let r = noRetries;
  for (const pending of pendingRows(ctx.ledger()).filter((x) => x.line <= upTo)) {
    const row = await readRowAt(file, pending.byteOffset, pending.line);
    if (row === null || row.sha256 !== pending.rowSha256) {
      notes.push(
        `${file}:${pending.line}:${pending.byteOffset}: the row changed since it failed; not retried`,
      );
      await ctx.record([
        { type: 'row', ...pending, pending: false, abandoned: true, at: ctx.iso(), traceId: ctx.traceId },
      ]);
      r = { ...r, abandoned: r.abandoned + 1 };
      continue;
    }
    r = addRetry(r, await processRow(ctx, row, pending));
  }
  return r;
};

interface NewRows {
  readonly counts: RunCounts;
  readonly recovered: number;
  readonly cursor: Cursor;
  readonly lastLine: LastLine | null;
}

/** One new row: reported from the ledger when a crashed run already finished it, else processed. */
const step = async (
  ctx: RowCtx,
  row: RowLine,
): Promise<{ kind: RowKind; codes: readonly AlertReasonCode[]; done: boolean }> => {
  const seen = recordedRow(ctx.ledger(), row.line, row.sha256);
  if (seen !== null && !(seen.pending && !seen.abandoned))
    return { kind: seen.kind, codes: seen.failureCodes, done: true };
  const report = await processRow(ctx, row, seen);
  return { kind: report.kind, codes: report.codes, done: false };
};

const consumeNew = async (
  ctx: RowCtx,
  file: string,
  start: { cursor: Cursor; lastLine: LastLine | null; size: number },
  max: number,
): Promise<NewRows> => {
  let acc: NewRows = { counts: noCounts, recovered: 0, cursor: start.cursor, lastLine: start.lastLine };
  for await (const row of readRows(file, start.cursor, start.size)) {
    if (max > 0 && acc.counts.processed >= max) break;
    const r = await step(ctx, row);
    acc = {
      counts: countRow(acc.counts, r.kind, r.codes),
      recovered: acc.recovered + (r.done ? 1 : 0),
      cursor: { byteOffset: row.end, lines: row.line },
      lastLine: { byteOffset: row.byteOffset, end: row.end },
    };
  }
  return acc;
};

export interface PassOptions {
  readonly maxEscalations: number;
  readonly seam: WriteSeam;
}

/** Runs the pass and writes alert-dispatch-state.json; the caller holds the state file's lock. */
export const consume = async (ctx: RowCtx, p: AlertPaths, o: PassOptions): Promise<PassResult> => {
  const notes: string[] = [];
  const saved = await readSaved(p);
  const file = p.escalations.abs;
  const base = {
    loopId: p.loopId,
    traceId: ctx.traceId,
    escalationsFile: p.escalations.shown,
    telemetryFile: p.telemetry.shown,
    ledgerFile: p.ledger,
  };
  const size =
    (await fsp.stat(file).catch(() => null))?.isFile() === true ? (await fsp.stat(file)).size : null;
  let state: PassResult['state'];
  if (size === null) {
    state = dispatchState({
      ...base,
      updatedAt: ctx.iso(),
      noSource: true,
      counts: noCounts,
      retry: noRetries,
      recovered: 0,
      lineOffset: saved.lines,
      lineCount: saved.lines,
      byteOffset: saved.byteOffset,
      fingerprint: saved.fingerprint,
    });
  } else {
    const start = await resumeAt(file, saved, size);
    if ('ahead' in start)
      throw new CliError(
        `dispatch state offset is ahead of escalation file: ${saved.lines} > ${start.ahead}`,
        [
          `${p.escalations.shown} was truncated or replaced; remove ${p.state.shown} to dispatch it from its first line`,
        ],
      );
    if (start.note !== null) notes.push(start.note);
    const retried = await retryPending(ctx, file, start.cursor.lines, notes);
    const fresh = await consumeNew(ctx, file, { ...start, size }, o.maxEscalations);
    state = dispatchState({
      ...base,
      updatedAt: ctx.iso(),
      noSource: false,
      counts: fresh.counts,
      retry: { ...retried, pending: pendingRows(ctx.ledger()).length },
      recovered: fresh.recovered,
      lineOffset: fresh.cursor.lines,
      lineCount: await lineCountFrom(file, fresh.cursor, size),
      byteOffset: fresh.cursor.byteOffset,
      fingerprint: await fingerprintOf(file, fresh.cursor, fresh.lastLine),
    });
  }
  await writeFileAtomic(p.state.abs, stableJson(state, false), o.seam);
  if (size !== null) {
    const at = ctx.iso();
    await ctx.record([
      {
        type: 'cursor',
        lines: state.escalationsLineOffset,
        byteOffset: state.escalationsByteOffset ?? 0,
        at,
      },
    ]);
  }
  return { state, notes };
};
