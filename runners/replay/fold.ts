// Folds the files one after another through the projection, streaming each with constant memory; with
// --check-laws it also keeps every event (and the file it came from) for the law checks.
import { relative, sep } from 'node:path';
import type { Positioned } from '../../lib/core/projection.js';
import { iterateJsonlBatches, type JsonlItem } from '../../lib/io/jsonl.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import type { RegisteredProjection } from '../../lib/projections.js';
import type { Progress } from '../../lib/io/progress.js';
import type { Io } from '../cli/command.js';
import { CliError } from '../cli/errors.js';

/** A file as the operator sees it: relative to the working directory. */
export const shown = (io: Io, file: string): string =>
  /^(nats|tls):\/\//.test(file) ? file : relative(io.cwd, file).split(sep).join('/') || file;

export interface Replayed {
  state: unknown;
  events: number;
  /** Only with --check-laws: every event, and the index of the file it came from. */
  readonly kept: Positioned<unknown>[];
  readonly fileOf: number[];
}

export interface Ctx {
  readonly io: Io;
  readonly reg: RegisteredProjection;
  readonly acc: Replayed;
  /** Progress on a terminal (lib/io/progress), with the bytes of the files already folded. */
  readonly progress?: { readonly report: Progress; bytesBefore: number };
}

export const take = ({ reg, acc }: Ctx, item: JsonlItem<unknown>, fileIndex: number | null): void => {
  if (item.kind !== 'record') return;
  const event: Positioned<unknown> = { value: item.value, position: item.position };
  acc.state = reg.projection.evolve(acc.state, event);
  acc.events += 1;
  if (fileIndex === null) return;
  acc.kept.push(event);
  acc.fileOf.push(fileIndex);
};

/** Folds one file on top of the state so far; a corrupt line fails closed with file:line:byte. */
export const foldOne = async (ctx: Ctx, file: string, fileIndex: number | null): Promise<void> => {
  const { io, reg } = ctx;
  try {
    for await (const batch of iterateJsonlBatches(file, { decode: reg.decode })) {
      for (const item of batch.items) take(ctx, item, fileIndex);
      const p = ctx.progress;
      p?.report.update({ events: ctx.acc.events, bytes: p.bytesBefore + batch.cursor.byteOffset });
      const torn = batch.end?.tornTail;
      if (torn != null)
        io.stderr.write(
          `note: ${shown(io, file)}: torn tail at byte ${torn.byteOffset} (${torn.bytes} bytes) not read yet\n`,
        );
    }
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`${shown(io, file)}:${err.line}:${err.byteOffset}: ${err.reason}`, [
      `not a valid ${reg.projection.name} record; fix or remove the line, then replay again`,
    ]);
  }
};
