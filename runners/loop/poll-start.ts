// Where a poll starts: from the first line, from opsfold's byte cursor (checked against the log's
// fingerprint), or from a reference cursor that only knows a line count.
import { fsp } from '../../lib/io/direct-fs.js';
import type { Cursor } from '../../lib/core/position.js';
import { cursorStart } from '../../lib/core/position.js';
import { fileSource } from '../../lib/io/source.js';
import { CliError } from '../cli/errors.js';
import { readCursorFile } from './cursor-file.js';
import { loopRoots } from '../cli/artifacts.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { cursorAfterLines } from './locate-line.js';
import { newlinesInRange } from '../../lib/io/byte-range.js';
import { cursorExceedsMessage } from '../../lib/loop/poll-take.js';

export interface PollStart {
  readonly start: Cursor;
  /** Bytes of the log when the poll began; nothing past them is read in this poll. */
  readonly size: number;
  /** Newline-terminated lines in the log at that size (the reference's eventLineCount). */
  readonly totalLines: number;
}

/** Resolves the start of a poll of `events` from `cursorFile` (ignored with fromStart). */
export const pollStart = async (
  p: Pick<LoopPaths, 'events' | 'repo' | 'opsfoldDir'>,
  cursorFile: string,
  fromStart: boolean,
): Promise<PollStart> => {
  const { events } = p;
  const size = (await fsp.stat(events)).size;
  const saved = fromStart ? null : await readCursorFile(cursorFile, loopRoots(p));
  let start: Cursor = cursorStart;
  if (saved !== null && saved.byteOffset !== null && saved.fingerprint !== null) {
    const resumed = await fileSource(events).resume({
      byteOffset: saved.byteOffset,
      lines: saved.lines,
      fingerprint: saved.fingerprint,
    });
    if (resumed.kind === 'truncated' || resumed.kind === 'rotated')
      throw new CliError(`events log ${resumed.kind} under cursor: ${events}`, [
        resumed.detail,
        `reset ${cursorFile} or use --from-start`,
      ]);
    start = resumed.from;
  } else if (saved !== null) {
    const found = await cursorAfterLines(events, saved.lines, size);
    if (found === null)
      throw new CliError(cursorExceedsMessage(saved.lines, await newlinesInRange(events, 0, size)));
    start = found;
  }
  const totalLines = start.lines + (await newlinesInRange(events, start.byteOffset, size));
  return { start, size, totalLines };
};
