// Both folds of events.jsonl from one read give what each fold on its own gives, over real files:
// first fold, resumed fold, and lines only one of the two decoders refuses.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEvent, eventsIndexProjection } from '../../lib/dashboard/events-index.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { loopEventsProjection } from '../../lib/loop/events-projection.js';
import { foldPair } from './fold-pair.js';
import { foldIncremental } from './folds.js';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'opsfold-dash-pair-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const loopEvents = tracked(loopEventsProjection, 'dashboard-loop-events');

const specs = (file: string, checkpointDir: string) => {
  const log = {
    file,
    root: dirname(file),
    shownAs: 'events.jsonl',
    checkpoints: fileCheckpointStore(checkpointDir),
  };
  return [
    { ...log, projection: eventsIndex, key: 'index.json', decode: decodeEvent },
    { ...log, projection: loopEvents, key: 'loop.json', decode: decodeLoopEventLine },
  ] as const;
};

const line = (o: unknown) => `${JSON.stringify(o)}\n`;
const event = (n: number) =>
  line({ timestamp: `2026-01-01T00:00:0${n}Z`, event: 'iteration_start', run_id: 'r1', iteration: n });

const apart = async (file: string, checkpointDir: string) => {
  const [a, b] = specs(file, checkpointDir);
  return [await foldIncremental(a), await foldIncremental(b)] as const;
};

const savedIn = (d: string) =>
  Object.fromEntries(readdirSync(d).map((f) => [f, JSON.parse(readFileSync(join(d, f), 'utf8')) as unknown]));

describe('folding events.jsonl once for its two folds', () => {
  it('gives each fold its own outcome and checkpoint, first and resumed, its own corrupt lines included', async () => {
    const root = dir();
    const file = join(root, 'events.jsonl');
    // `event: 5` is an event to the index and a corrupt line to the loop's projection; the torn tail
    // is neither's.
    writeFileSync(file, event(1) + line({ event: 5 }) + 'not json\n' + event(2) + '{"event":');
    const [together, separate] = [dir(), dir()];
    expect(await foldPair(...specs(file, together))).toEqual(await apart(file, separate));
    expect(savedIn(together)).toEqual(savedIn(separate));

    appendFileSync(file, `"x"}\n${event(3)}[1]\n`);
    expect(await foldPair(...specs(file, together))).toEqual(await apart(file, separate));
    expect(savedIn(together)).toEqual(savedIn(separate));
  });

  it('leaves the read to each fold when their checkpoints stand at different places', async () => {
    const root = dir();
    const file = join(root, 'events.jsonl');
    writeFileSync(file, event(1));
    const checkpoints = dir();
    const [index] = specs(file, checkpoints);
    await foldIncremental(index);
    expect(await foldPair(...specs(file, checkpoints))).toBeNull();
  });

  it('leaves a missing log to each fold', async () => {
    expect(await foldPair(...specs(join(dir(), 'events.jsonl'), dir()))).toBeNull();
  });
});
