// The readers behind the page, over real files: backwards line reading, the timeline pager, the tail
// windows and the incremental folds.
import { fc, test } from '@fast-check/vitest';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeEvent,
  eventsIndexProjection,
  INDEX_EVERY,
  type EventsIndexState,
} from '../../lib/dashboard/events-index.js';
import type { EventView } from '../../lib/dashboard/views.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import { linesBackwards } from '../../lib/io/back-reader.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import type { IndexView } from '../../lib/dashboard/index-view.js';
import { EventTimes } from './event-times.js';
import { readEventsPage } from './events-page.js';
import { foldIncremental } from './folds.js';
import { TailWindow } from './tail-window.js';

const SEED = { seed: Number(process.env.FC_SEED ?? 424242) };
const dir = () => mkdtempSync(join(tmpdir(), 'opsfold-dash-read-'));

const backwards = async (file: string, end: number, chunk: number) => {
  const h = await fsp.open(file, 'r');
  const out: { byteOffset: number; text: string }[] = [];
  try {
    for await (const l of linesBackwards(h, end, chunk)) out.push({ byteOffset: l.byteOffset, text: l.text });
  } finally {
    await h.close();
  }
  return out;
};

describe('reading lines backwards', () => {
  test.prop(
    [fc.array(fc.stringMatching(/^[a-z{}" é]{0,12}$/), { maxLength: 30 }), fc.integer({ min: 1, max: 20 })],
    SEED,
  )(
    'gives the complete lines in reverse with their byte offsets, whatever the chunk size',
    async (lines, chunk) => {
      const file = join(dir(), 'f.jsonl');
      const text = lines.map((l) => `${l}\n`).join('');
      writeFileSync(file, text);
      const expected: { byteOffset: number; text: string }[] = [];
      let at = 0;
      for (const l of lines) {
        expected.push({ byteOffset: at, text: l });
        at += Buffer.byteLength(`${l}\n`);
      }
      expect(await backwards(file, Buffer.byteLength(text), chunk)).toEqual(expected.reverse());
    },
  );

  it('drops a BOM on line 1 and a trailing CR', async () => {
    const file = join(dir(), 'f.jsonl');
    writeFileSync(file, '\ufeff{"a":1}\r\n{"b":2}\r\n');
    expect((await backwards(file, readFileSync(file).length, 4)).map((l) => l.text)).toEqual([
      '{"b":2}',
      '{"a":1}',
    ]);
  });
});

const eventLine = (i: number) =>
  `${JSON.stringify({ timestamp: `2026-02-22T10:${String(i % 60).padStart(2, '0')}:00Z`, event: `e${i}` })}\n`;

const indexOf = async (file: string, cp: string): Promise<IndexView> => {
  const o = await foldIncremental({
    file,
    root: dirname(file),
    shownAs: 'events.jsonl',
    projection: tracked(eventsIndexProjection, 'idx'),
    checkpoints: fileCheckpointStore(dirname(cp)),
    key: basename(cp),
    decode: decodeEvent,
  });
  return { state: o.state.inner, cursor: o.cursor };
};

describe('the timeline pager', () => {
  it('numbers lines correctly past many index marks, with blank lines in between', async () => {
    const d = dir();
    const file = join(d, 'events.jsonl');
    const n = INDEX_EVERY * 3 + 17;
    let text = '';
    for (let i = 1; i <= n; i += 1) text += i % 100 === 0 ? '\n' : eventLine(i);
    writeFileSync(file, text);
    const index = await indexOf(file, join(d, 'cp.json'));
    const lines = text.split('\n');
    let before: number | null = null;
    const seen: number[] = [];
    for (;;) {
      const page = await readEventsPage(file, index, { before, limit: 97 });
      if (page.kind !== 'page') throw new Error(page.kind);
      for (const it of page.items) {
        seen.push(it.line);
        expect(it.kind === 'record' && it.event).toBe(`e${it.line}`);
        expect(lines[it.line - 1]).not.toBe('');
      }
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    const expected = Array.from({ length: n }, (_, i) => n - i).filter((l) => l % 100 !== 0);
    expect(seen).toEqual(expected);
  });

  it('numbers lines appended after the last fold too', async () => {
    const d = dir();
    const file = join(d, 'events.jsonl');
    writeFileSync(file, [1, 2, 3].map(eventLine).join(''));
    const index = await indexOf(file, join(d, 'cp.json'));
    appendFileSync(file, [4, 5].map(eventLine).join(''));
    const page = await readEventsPage(file, index, { before: null, limit: 2 });
    expect(page.kind === 'page' && page.items.map((i) => i.line)).toEqual([5, 4]);
  });

  it('finds the timestamp of the event at or before a line', async () => {
    const d = dir();
    const file = join(d, 'events.jsonl');
    writeFileSync(file, Array.from({ length: INDEX_EVERY + 40 }, (_, i) => eventLine(i + 1)).join(''));
    const index = await indexOf(file, join(d, 'cp.json'));
    const times = new EventTimes(file);
    times.sync(index);
    await times.load(index, [1, INDEX_EVERY + 5, INDEX_EVERY + 999]);
    expect(times.at(1)).toBe(JSON.parse(eventLine(1)).timestamp);
    expect(times.at(INDEX_EVERY + 5)).toBe(JSON.parse(eventLine(INDEX_EVERY + 5)).timestamp);
    expect(times.at(INDEX_EVERY + 999)).toBeNull();
  });
});

describe('a tail window', () => {
  it('holds the last records, follows appends, and starts over when the file is replaced', async () => {
    const d = dir();
    const file = join(d, 't.jsonl');
    writeFileSync(file, [1, 2, 3, 4, 5].map((n) => `{"n":${n}}\n`).join(''));
    const w = new TailWindow(file, 't.jsonl', 3, d);
    await w.update();
    expect(w.records).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    appendFileSync(file, '{"n":6}\n{"n":7');
    await w.update();
    expect(w.records).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }]);
    appendFileSync(file, '}\n');
    await w.update();
    expect(w.newest(2)).toEqual([{ n: 7 }, { n: 6 }]);
    rmSync(file);
    writeFileSync(file, '{"n":100}\n');
    await w.update();
    expect(w.records).toEqual([{ n: 100 }]);
    rmSync(file);
    await w.update();
    expect(w.records).toEqual([]);
    expect((await w.artifact()).kind).toBe('missing');
  });

  it('reads backwards again when the log is rewritten in place with other lines of the same length', async () => {
    const d = dir();
    const file = join(d, 't.jsonl');
    writeFileSync(file, '{"n":1}\n{"n":2}\n');
    const w = new TailWindow(file, 't.jsonl', 5, d);
    await w.update();
    writeFileSync(file, '{"n":8}\n{"n":9}\n{"n":10}\n');
    await w.update();
    expect(w.records).toEqual([{ n: 8 }, { n: 9 }, { n: 10 }]);
  });

  it('reports the first corrupt line it saw with its line number', async () => {
    const d = dir();
    const file = join(d, 't.jsonl');
    writeFileSync(file, '{"n":1}\n{"n":2}\nnot json\n{"n":4}\n');
    const w = new TailWindow(file, 't.jsonl', 10, d);
    await w.update();
    expect(w.records).toEqual([{ n: 1 }, { n: 2 }, { n: 4 }]);
    expect(await w.artifact()).toMatchObject({ kind: 'corrupt', line: 3, byteOffset: 16 });
  });
});

describe('an incremental fold', () => {
  it('reads only the appended records on the next pass, and keeps corrupt lines across restarts', async () => {
    const d = dir();
    const file = join(d, 'events.jsonl');
    const cp = join(d, 'cp.json');
    let evolved = 0;
    const counting = tracked<EventsIndexState, EventView>(
      { ...eventsIndexProjection, evolve: (s, e) => ((evolved += 1), eventsIndexProjection.evolve(s, e)) },
      'counting',
    );
    writeFileSync(file, `${[1, 2, 3].map(eventLine).join('')}oops\n${eventLine(5)}`);
    const first = await foldIncremental({
      file,
      root: dirname(file),
      shownAs: 'events.jsonl',
      projection: counting,
      checkpoints: fileCheckpointStore(dirname(cp)),
      key: basename(cp),
      decode: decodeEvent,
    });
    expect(evolved).toBe(4);
    expect(first.artifact).toMatchObject({ kind: 'corrupt', line: 4 });
    appendFileSync(file, [6, 7].map(eventLine).join(''));
    const second = await foldIncremental({
      file,
      root: dirname(file),
      shownAs: 'events.jsonl',
      projection: counting,
      checkpoints: fileCheckpointStore(dirname(cp)),
      key: basename(cp),
      decode: decodeEvent,
    });
    expect(evolved).toBe(6);
    expect(second.state.inner.records).toBe(6);
    expect(second.artifact).toMatchObject({ kind: 'corrupt', line: 4 });
  });

  it('folds again from the start, with a note, when the log was replaced under its checkpoint', async () => {
    const d = dir();
    const file = join(d, 'events.jsonl');
    const cp = join(d, 'cp.json');
    const spec = {
      file,
      root: d,
      shownAs: 'events.jsonl',
      projection: tracked(eventsIndexProjection, 'idx'),
      checkpoints: fileCheckpointStore(dirname(cp)),
      key: basename(cp),
      decode: decodeEvent,
    };
    writeFileSync(file, [1, 2, 3].map(eventLine).join(''));
    await foldIncremental(spec);
    writeFileSync(file, eventLine(9));
    const again = await foldIncremental(spec);
    expect(again.state.inner.records).toBe(1);
    expect(again.notes.join('\n')).toMatch(/events\.jsonl was (truncated|rotated)/);
  });
});
