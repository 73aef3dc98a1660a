// The cursor document after a poll, with the fingerprint of the last line it took, so the next poll
// can tell a grown log from a truncated or rotated one.
import { fingerprintAt } from '../../lib/io/checkpoints.js';
import { displayPath } from '../../lib/loop/artifact-ref.js';
import type { PollProgress } from '../../lib/loop/poll-take.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { cursorDocument } from '../../lib/loop/poll-cursor.js';

export const polledCursorDoc = async (
  p: LoopPaths,
  polled: Pick<PollProgress, 'cursor' | 'lastLine'>,
  at: { readonly lineCount: number; readonly asOf: string },
) =>
  cursorDocument({
    repoPath: p.repo,
    loopId: p.loopId,
    eventsPath: displayPath(p.repo, p.events),
    cursor: polled.cursor,
    lineCount: at.lineCount,
    updatedAt: at.asOf,
    fingerprint: await fingerprintAt(p.events, polled.cursor, polled.lastLine),
  });
