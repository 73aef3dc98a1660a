// JetStream: `opsfold ship`'s throughput publishing a loop's events.jsonl to a local nats-server, and the
// loop-events fold from the stream against the same fold from the file, on the same events. Checked:
// every line shipped once, and both folds count every event. Skipped when nats-server is not installed.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { memoryCheckpointStore, fileCheckpointStore } from '../lib/io/checkpoint-store.js';
import { foldSource } from '../lib/io/fold-source.js';
import { openJetStream, type JetStreamConn } from '../lib/io/nats/connect.js';
import { loopAddress } from '../lib/io/nats/names.js';
import { shipEvents } from '../lib/io/nats/ship.js';
import { jetStreamSource } from '../lib/io/nats/source.js';
import { natsMissing, startNats, stopAll } from '../lib/io/nats/testdata/server.js';
import { fileSource, type Source } from '../lib/io/source.js';
import { decodeLoopEventLine } from '../lib/loop/event-guard.js';
import type { RawEvent } from '../lib/loop/event-fields.js';
import { loopEventsProjection } from '../lib/loop/events-projection.js';
import { generateRepo, LOOP_ID } from './generate.js';
import { n, target, x, type Ctx, type PhaseResult } from './phase.js';
import { expect } from './spawn.js';

const timed = async <T>(f: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t0 = performance.now();
  const value = await f();
  return { value, seconds: (performance.now() - t0) / 1000 };
};

const foldCount = async (source: Source<RawEvent>): Promise<number> => {
  const r = await foldSource(source, loopEventsProjection, {
    checkpoints: memoryCheckpointStore(),
    key: 'bench',
  });
  if (r.kind !== 'folded') throw new Error(r.detail);
  return r.end.cursor.lines;
};

const measure = async (conn: JetStreamConn, events: string, dir: string, count: number) => {
  const at = loopAddress('bench', LOOP_ID);
  const ship = await timed(() => shipEvents(conn, { file: events, at, cursors: fileCheckpointStore(dir) }));
  expect('ship published', ship.value.published, count);
  const stream = jetStreamSource(conn, at, {
    projection: loopEventsProjection.name,
    decode: decodeLoopEventLine,
    fetchSize: 1000,
  });
  const fromStream = await timed(() => foldCount(stream));
  expect('events folded from the stream', fromStream.value, count);
  const fromFile = await timed(() => foldCount(fileSource(events, { decode: decodeLoopEventLine })));
  expect('events folded from the file', fromFile.value, count);
  return { ship: ship.seconds, stream: fromStream.seconds, file: fromFile.seconds };
};

export const jetstream = async (c: Ctx): Promise<PhaseResult> => {
  const id = 'jetstream';
  const title = 'ship to JetStream and fold from the stream vs fold from the file';
  if (natsMissing !== null)
    return { id, title, lines: [`skipped: ${natsMissing}`], targets: [], figures: {}, skipped: natsMissing };
  const count = c.sizes.replayEvents;
  c.progress(`jetstream: generating ${n(count)} events`);
  const { layout } = generateRepo(join(c.dir, 'repo'), count);
  const node = await startNats();
  try {
    const conn = await openJetStream(node.url);
    const t = await measure(conn, layout.events, c.dir, count).finally(() => conn.close());
    const eps = (sec: number) => `${n(Math.round(count / sec))} ev/s`;
    return {
      id,
      title: `${title} (${n(count)} events)`,
      lines: [
        `ship              ${t.ship.toFixed(3)} s (${eps(t.ship)})`,
        `fold from stream  ${t.stream.toFixed(3)} s (${eps(t.stream)}) = ${x(t.file / t.stream)} the file fold`,
        `fold from file    ${t.file.toFixed(3)} s (${eps(t.file)})`,
      ],
      targets: [
        target(
          'jetstream.equal',
          'the fold from the stream reads every shipped event, as the file fold does',
          `${n(count)} = ${n(count)}`,
          true,
        ),
      ],
      figures: {
        shipEventsPerSecond: count / t.ship,
        streamFoldEventsPerSecond: count / t.stream,
        fileFoldEventsPerSecond: count / t.file,
      },
    };
  } finally {
    await stopAll([node]);
  }
};
