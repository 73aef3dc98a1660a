// A reader that stops early (`opsfold loop poll-events … | head -1`) closes stdout under the command.
// The bin ends the process at the write that found it closed, with exit 0 and no stack trace, and
// nothing after that write happens. That is what keeps cursors honest: poll writes its cursor only
// after the output it covers, so a poll cut short leaves the cursor where the previous run left it
// and the next poll prints the lost lines again, rather than skipping lines nobody read.
import type { Writable } from 'node:stream';

const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

/** True for the error a write gets when the reading end of the pipe has gone. */
const isClosedPipe = (err: unknown): boolean =>
  CLOSED.has(String((err as NodeJS.ErrnoException | null)?.code));

type Callback = (err?: Error | null) => void;

/**
 * Makes `stream` call `end` (which must not return) when a write finds the reader gone: from the
 * write's own callback, before that callback can resume the command, and from the stream's 'error'
 * event for writes made without one.
 */
export const endOnClosedPipe = (stream: Writable, end: () => never): void => {
  stream.on('error', (err) => {
    if (isClosedPipe(err)) end();
    throw err;
  });
  const write = stream.write.bind(stream) as (chunk: unknown, enc?: unknown, cb?: Callback) => boolean;
  stream.write = ((chunk: unknown, encOrCb?: unknown, cb?: Callback): boolean => {
    const done = (typeof encOrCb === 'function' ? encOrCb : cb) as Callback | undefined;
    const guarded: Callback = (err) => {
      if (err !== null && err !== undefined && isClosedPipe(err)) end();
      done?.(err);
    };
    return typeof encOrCb === 'function' ? write(chunk, guarded) : write(chunk, encOrCb, guarded);
  }) as Writable['write'];
};
