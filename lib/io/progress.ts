// Progress of long work on a terminal: one line on stderr, rewritten in place (events, events/s,
// bytes, ETA), at most a few times a second, and cleared at the end so the output that follows is
// clean. Not a terminal, or asked to be quiet: nothing at all, so scripts and logs never see it.

export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressOptions {
  /** Words before the counts, e.g. `replay`. */
  readonly label: string;
  /** Bytes the whole work will read, when known: gives the percentage and the ETA. */
  readonly totalBytes?: number;
  readonly quiet?: boolean;
  /** The clock (ms); injected by tests. */
  readonly now?: () => number;
  /** Fewest ms between two redraws (default 250: at most 4 a second). */
  readonly minIntervalMs?: number;
}

export interface ProgressCounts {
  readonly events: number;
  readonly bytes: number;
}

export interface Progress {
  /** The counts so far; redraws when the last redraw is old enough. */
  update(counts: ProgressCounts): void;
  /** Clears the line (when one was drawn); later updates are ignored. */
  end(): void;
}

/**
 * The per-batch hook a runner hands to a fold that reads a log (a reconcile's poll): given the bytes
 * the fold will read, the report it updates after each batch (and ends when the reading ends).
 */
export type ProgressPort = (totalBytes: number) => Progress;

const silent: Progress = { update: () => undefined, end: () => undefined };

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** `1.5 MiB`: bytes in the largest binary unit under 1024. */
export const formatBytes = (n: number): string => {
  let v = n;
  let i = 0;
  for (; v >= 1024 && i < UNITS.length - 1; i += 1) v /= 1024;
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${UNITS[i]}`;
};

/** `1h02m`, `3m05s`, `7s`. */
export const formatDuration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  const two = (x: number) => String(x).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}h${two(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return `${s}s`;
};

/** The line for `counts` after `elapsedMs`: events, rate, bytes (of total, %) and ETA when known. */
export const progressLine = (
  label: string,
  counts: ProgressCounts,
  elapsedMs: number,
  totalBytes?: number,
): string => {
  const secs = elapsedMs / 1000;
  const rate = secs > 0 ? Math.round(counts.events / secs) : 0;
  const parts = [
    `${label}: ${counts.events.toLocaleString('en-US')} events (${rate.toLocaleString('en-US')}/s)`,
  ];
  if (totalBytes === undefined || totalBytes <= 0) parts.push(formatBytes(counts.bytes));
  else {
    const pct = Math.min(100, Math.floor((counts.bytes / totalBytes) * 100));
    parts.push(`${formatBytes(counts.bytes)} of ${formatBytes(totalBytes)} (${pct}%)`);
    if (counts.bytes > 0 && secs > 0)
      parts.push(`ETA ${formatDuration(((totalBytes - counts.bytes) / counts.bytes) * elapsedMs)}`);
  }
  return parts.join(', ');
};

const CLEAR = '\r\x1b[K';

/** A reporter on `stream`: silent unless it is a terminal and not quiet. */
export const progressReporter = (stream: ProgressStream, o: ProgressOptions): Progress => {
  if (stream.isTTY !== true || o.quiet === true) return silent;
  const now = o.now ?? Date.now;
  const gap = o.minIntervalMs ?? 250;
  const started = now();
  let last = started;
  let drawn = false;
  let ended = false;
  return {
    update(counts) {
      const t = now();
      if (ended || t - last < gap) return;
      last = t;
      drawn = true;
      stream.write(`${CLEAR}${progressLine(o.label, counts, t - started, o.totalBytes)}`);
    },
    end() {
      if (ended) return;
      ended = true;
      if (drawn) stream.write(CLEAR);
    },
  };
};

/**
 * The batches of a log read from `startByte`, reporting the records and bytes read so far after
 * each one; the report ends (its line cleared) when the reading ends, however it ends.
 */
export async function* reportingBatches<
  B extends {
    readonly items: readonly { readonly kind: string }[];
    readonly cursor: { readonly byteOffset: number };
  },
>(batches: AsyncIterable<B>, report: Progress, startByte: number): AsyncGenerator<B> {
  let events = 0;
  try {
    for await (const batch of batches) {
      events += batch.items.filter((i) => i.kind === 'record').length;
      report.update({ events, bytes: batch.cursor.byteOffset - startByte });
      yield batch;
    }
  } finally {
    report.end();
  }
}
