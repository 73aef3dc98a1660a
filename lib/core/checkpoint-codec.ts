// opsfold's own checkpoint file (under <repo>/.opsfold/), as a codec for its JSON Schema.
import * as t from 'io-ts';
import { nullable } from './codec.js';

export const CheckpointFile = t.intersection(
  [
    t.type({
      projection: t.string,
      version: t.number,
      source: t.type({
        size: t.number,
        inode: t.number,
        headSha256: t.string,
        lastLineByteOffset: nullable(t.number),
        lastLineSha256: nullable(t.string),
      }),
      cursor: t.type({ byteOffset: t.number, lines: t.number }),
      state: t.unknown,
    }),
    t.partial({ digest: t.type({ h: t.array(t.number), pending: t.string, length: t.number }) }),
  ],
  'Checkpoint',
);
