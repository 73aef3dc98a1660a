// Every artifact opsfold reads or writes, by contract file name. `npm run contracts` writes contracts/<name>.schema.json for each.
import type * as t from 'io-ts';
export const contractCodecs: Readonly<Record<string, t.Mixed>> = {};
