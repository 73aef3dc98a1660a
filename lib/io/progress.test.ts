import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, progressLine, progressReporter, reportingBatches } from './progress.js';

const terminal = (isTTY = true) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (s: string) => writes.push(s) } };
};

const clock = () => {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('progress on a terminal', () => {
  it('redraws one line at most every 250 ms, with events/s, bytes of the total and the ETA', () => {
    const { writes, stream } = terminal();
    const c = clock();
    const p = progressReporter(stream, { label: 'replay', totalBytes: 4096, now: c.now });
    c.advance(100);
    p.update({ events: 10, bytes: 512 });
    expect(writes).toEqual([]);
    c.advance(900);
    p.update({ events: 100, bytes: 1024 });
    c.advance(100);
    p.update({ events: 110, bytes: 1100 });
    expect(writes).toEqual(['\r\x1b[Kreplay: 100 events (100/s), 1.0 KiB of 4.0 KiB (25%), ETA 3s']);
  });

  it('clears its line at the end, once, and draws nothing after', () => {
    const { writes, stream } = terminal();
    const c = clock();
    const p = progressReporter(stream, { label: 'x', now: c.now });
    c.advance(300);
    p.update({ events: 1, bytes: 10 });
    p.end();
    p.end();
    c.advance(300);
    p.update({ events: 2, bytes: 20 });
    expect(writes).toEqual(['\r\x1b[Kx: 1 events (3/s), 10 B', '\r\x1b[K']);
  });

  it('writes nothing at the end when it never drew (work shorter than one interval)', () => {
    const { writes, stream } = terminal();
    const p = progressReporter(stream, { label: 'x', now: clock().now });
    p.update({ events: 1, bytes: 1 });
    p.end();
    expect(writes).toEqual([]);
  });
});

describe('progress elsewhere', () => {
  it('is silent when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { writes, stream } = terminal(tty);
      const c = clock();
      const p = progressReporter(stream, { label: 'x', now: c.now, quiet });
      c.advance(10_000);
      p.update({ events: 5, bytes: 5 });
      p.end();
      expect(writes).toEqual([]);
    }
  });
});

describe('progress text', () => {
  it('shows bytes in binary units and durations in h/m/s', () => {
    expect([formatBytes(999), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual([
      '999 B',
      '1.5 KiB',
      '5.0 GiB',
    ]);
    expect([formatDuration(7_400), formatDuration(185_000), formatDuration(3_720_000)]).toEqual([
      '7s',
      '3m05s',
      '1h02m',
    ]);
    expect(progressLine('r', { events: 0, bytes: 0 }, 0, 100)).toBe('r: 0 events (0/s), 0 B of 100 B (0%)');
  });
});

describe('a log read with progress', () => {
  it('counts records (not corrupt lines) and bytes from the start, and ends the report when the reading stops early', async () => {
    const seen: { events: number; bytes: number }[] = [];
    let ended = 0;
    const report = {
      update: (c: { events: number; bytes: number }) => seen.push(c),
      end: () => (ended += 1),
    };
    async function* batches() {
      yield { items: [{ kind: 'record' }, { kind: 'corrupt' }], cursor: { byteOffset: 150 } };
      yield { items: [{ kind: 'record' }, { kind: 'record' }], cursor: { byteOffset: 300 } };
      yield { items: [{ kind: 'record' }], cursor: { byteOffset: 400 } };
    }
    for await (const b of reportingBatches(batches(), report, 100)) if (b.cursor.byteOffset === 300) break;
    expect(seen).toEqual([
      { events: 1, bytes: 50 },
      { events: 3, bytes: 200 },
    ]);
    expect(ended).toBe(1);
  });
});
