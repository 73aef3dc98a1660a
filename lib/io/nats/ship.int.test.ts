// Shipping a log to a real JetStream server and folding it back: the fold from the stream equals the
// fold from the file, a resend after a lost cursor is dropped by the duplicate window, appended lines
// are shipped and folded incrementally, and a torn tail waits until it is complete.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testdata/temp.js';
import { loopAddress } from './names.js';
import { shipEvents } from './ship.js';
import { foldFromFile, foldFromStream, messagesOf, shipCursors } from './testdata/fold-kit.js';
import { natsMissing } from './testdata/server.js';
import { useNatsServer } from './testdata/use-server.js';

const tempDir = useTempDirs();

describe.skipIf(natsMissing !== null)(`ship and fold over JetStream${natsMissing ?? ''}`, () => {
  const nats = useNatsServer({ connect: true });

  it('folds the shipped log as the file folds, resending nothing twice', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.jsonl');
    fs.writeFileSync(file, '{"a":1}\n\n{"a":2}\r\nnot json\n{"a":');
    const at = loopAddress('f1', 'l1');
    const first = await shipEvents(nats.conn, { file, at, cursors: shipCursors(dir) });
    expect(first).toMatchObject({ published: 3, duplicates: 0, tornTail: { byteOffset: 27, bytes: 5 } });
    expect(await foldFromStream(nats.conn, at, { fetchSize: 2 })).toEqual(await foldFromFile(file));

    fs.rmSync(join(dir, '.opsfold'), { recursive: true });
    const again = await shipEvents(nats.conn, { file, at, cursors: shipCursors(dir) });
    expect(again).toMatchObject({ published: 3, duplicates: 3 });
    expect(await messagesOf(nats.conn, at)).toBe(3);

    fs.appendFileSync(file, '3}\n{"a":4}\n');
    expect(await shipEvents(nats.conn, { file, at, cursors: shipCursors(dir) })).toMatchObject({
      published: 2,
    });
    expect(await foldFromStream(nats.conn, at, { fetchSize: 1 })).toEqual(await foldFromFile(file));
    expect(await messagesOf(nats.conn, at)).toBe(5);
  });

  it('keeps loops apart: one subject per loop', async () => {
    const dir = tempDir();
    const file = join(dir, 'events.jsonl');
    fs.writeFileSync(file, '{"b":1}\n');
    await shipEvents(nats.conn, { file, at: loopAddress('f1', 'l2'), cursors: shipCursors(dir) });
    expect(await foldFromStream(nats.conn, loopAddress('f1', 'l2'), { fetchSize: 10 })).toEqual([
      [1, 0, { b: 1 }],
    ]);
  });
});
