// opsfold's own checkpoint file (under <repo>/.opsfold/), as a codec for its JSON Schema.
import * as t from 'io-ts';
import { ExactCount as Count, nullable } from './codec.js';

export const CheckpointFile = t.intersection(
  [
    t.type({
      projection: t.string,
      version: t.number,
      source: t.type({
        size: Count,
        inode: t.number,
        headSha256: t.string,
        lastLineByteOffset: nullable(Count),
        lastLineSha256: nullable(t.string),
      }),
      cursor: t.type({ byteOffset: Count, lines: Count }),
      state: t.unknown,
    }),
    // stateSha256: sha256 of the state as stable JSON; a checkpoint without it, or whose state does not
    // match it, is not resumed (the loader checks; it is optional here so that message can say why).
    t.partial({
      stateSha256: t.string,
      digest: t.type({ h: t.array(t.number), pending: t.string, length: Count }),
    }),
  ],
  'Checkpoint',
);
