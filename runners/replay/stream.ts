// replay --source nats://…: folds a loop's shipped events from JetStream through the projection, with
// the positions they had in the file, so the state equals the replay of the file. Read from the first
// message each time (a replay keeps no checkpoint); a corrupt line fails closed as in the file.
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { subjectOf } from '../../lib/io/nats/names.js';
import { jetStreamSource } from '../../lib/io/nats/source.js';
import { required, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { addressOf, withJetStream } from '../cli/nats-flags.js';
import { take, type Ctx } from './fold.js';

/** Folds the loop's stream on top of the state so far; returns the name it is shown as. */
export const foldStream = (ctx: Ctx, url: string, v: Values, keep: boolean): Promise<string> => {
  const at = addressOf(v, required(v, 'loop'));
  const name = `${url}/${subjectOf(at)}`;
  const projection = `replay-${ctx.reg.projection.name}`;
  return withJetStream(url, async (conn) => {
    const source = jetStreamSource(conn, at, { projection, decode: ctx.reg.decode });
    try {
      const start = await source.resume(null);
      for await (const batch of source.batches(
        start.kind === 'start' ? start.from : { byteOffset: 0, lines: 0 },
      ))
        for (const item of batch.items) take(ctx, item, keep ? 0 : null);
    } catch (err) {
      if (!(err instanceof CorruptLineError)) throw err;
      throw new CliError(`${name}:${err.line}:${err.byteOffset}: ${err.reason}`, [
        `not a valid ${ctx.reg.projection.name} record; fix the line in the log, ship it again under a new loop id`,
      ]);
    }
    return name;
  });
};
