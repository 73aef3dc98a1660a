// Law of shipping to JetStream: for any log (records, blank lines, corrupt lines), written in any
// chunks (so ship meets torn tails), any crash of ship between an acknowledged publish and its cursor
// save, and any split of the consumer's reads (fetch size, folds between ships, a fold whose checkpoint
// is never saved), the projection folded from the stream equals the fold of the file, and the stream
// holds each complete non-blank line exactly once. Each run talks to one real nats-server.
import fs from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testdata/temp.js';
import type { JetStreamConn } from './connect.js';
import { loopAddress } from './names.js';
import { shipEvents } from './ship.js';
import { foldFromFile, foldFromStream, messagesOf, shipCursors } from './testdata/fold-kit.js';
import { natsMissing } from './testdata/server.js';
import { useNatsServer } from './testdata/use-server.js';

const seed = Number(process.env['FC_SEED'] ?? 424242);
const tempDir = useTempDirs();

const line = fc.oneof(
  fc
    .record({ i: fc.integer({ min: 0, max: 999 }), s: fc.string({ maxLength: 6 }) })
    .map((r) => JSON.stringify(r)),
  fc.constantFrom('', '  ', 'not json', '{"torn":'),
  fc.constant('{"crlf":1}\r'),
);

const step = fc.record({
  /** Where the text is cut before this ship (a percentage of what is left). */
  cut: fc.integer({ min: 0, max: 100 }),
  crash: fc.boolean(),
  fold: fc.boolean(),
  saveFold: fc.boolean(),
});

const CRASH = new Error('crash between the acknowledgements and the cursor save');

const shipOnce = async (
  conn: JetStreamConn,
  dir: string,
  at: ReturnType<typeof loopAddress>,
  crash: boolean,
) => {
  const file = join(dir, 'events.jsonl');
  const beforeSave = crash
    ? async () => {
        throw CRASH;
      }
    : undefined;
  await shipEvents(conn, { file, at, cursors: shipCursors(dir), beforeSave }).catch((err: unknown) => {
    if (err !== CRASH) throw err;
  });
};

describe.skipIf(natsMissing !== null)(`ship and fold law${natsMissing ?? ''}`, () => {
  const nats = useNatsServer({ connect: true });
  let runs = 0;

  it('folds from the stream what the file folds, each line once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 25 }),
        fc.array(step, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 6 }),
        async (lines, steps, fetchSize) => {
          runs += 1;
          const at = loopAddress('prop', `run${runs}`);
          const dir = tempDir();
          const file = join(dir, 'events.jsonl');
          const text = Buffer.from(lines.map((l) => `${l}\n`).join(''));
          fs.writeFileSync(file, '');
          let written = 0;
          for (const s of steps) {
            const upTo = written + Math.floor(((text.length - written) * s.cut) / 100);
            fs.appendFileSync(file, text.subarray(written, upTo));
            written = upTo;
            await shipOnce(nats.conn, dir, at, s.crash);
            if (s.fold) await foldFromStream(nats.conn, at, { fetchSize, save: s.saveFold });
          }
          fs.appendFileSync(file, text.subarray(written));
          await shipOnce(nats.conn, dir, at, false);
          expect(await foldFromStream(nats.conn, at, { fetchSize })).toEqual(await foldFromFile(file));
          const complete = lines.filter((l) => !/^[ \t\r]*$/.test(l)).length;
          expect(await messagesOf(nats.conn, at)).toBe(complete);
        },
      ),
      { seed, numRuns: 15 },
    );
  });
});
