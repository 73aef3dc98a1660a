// Two folds of one log in a single read: events.jsonl feeds both the line index and the loop's own
// events, so its bytes are read and parsed once, not once per fold. It applies only when both checkpoints
// stand at the same place (as every fold leaves them, but after a crash between their saves or a new
// version of one projection); otherwise, or when the log changed under them, it answers null and
// each fold reads on its own. Each fold keeps its own decoder, corrupt lines and checkpoint.
import * as E from 'fp-ts/lib/Either.js';
import { isDeepStrictEqual } from 'node:util';
import type { Checkpoint, Cursor, SourceFingerprint } from '../../lib/core/position.js';
import type { FoldOutcome } from '../../lib/dashboard/fold-outcome.js';
import type { Tracked } from '../../lib/dashboard/tracked.js';
import { startOf, type CorruptItem, type SourceFold, type Start } from '../../lib/io/fold-source.js';
import type { JsonlEnd, JsonlItem } from '../../lib/io/jsonl.js';
import { fileSource, type Source } from '../../lib/io/source.js';
import { settle, unreadOf, type FoldSpec } from './folds.js';

type Folded<S> = SourceFold<Tracked<S>> & { readonly kind: 'folded' };

/** One fold's share of the read: its state and the lines its decoder refused. */
class Lane<S, Ev> {
  state: Tracked<S>;
  readonly corrupt: CorruptItem[] = [];

  constructor(
    readonly spec: FoldSpec<S, Ev>,
    readonly start: Start<Tracked<S>>,
  ) {
    this.state = start.state;
  }

  take(item: JsonlItem<unknown>): void {
    if (item.kind === 'corrupt') return void this.corrupt.push(item);
    const d = this.spec.decode(item.value);
    if (E.isRight(d)) {
      this.state = this.spec.projection.evolve(this.state, { ...item, value: d.right });
      return;
    }
    // The page keeps a corrupt line's place and reason, not its text.
    this.corrupt.push({ kind: 'corrupt', position: item.position, raw: '', reason: d.left, next: item.next });
  }

  folded(end: JsonlEnd, source: SourceFingerprint): Folded<S> {
    const { projection, key } = this.spec;
    const checkpoint: Checkpoint<Tracked<S>> = {
      projection: projection.name,
      version: projection.version,
      source,
      cursor: end.cursor,
      state: this.state,
    };
    const from = this.start.from;
    return {
      kind: 'folded',
      state: this.state,
      end,
      corrupt: this.corrupt,
      resumedFrom: from.byteOffset > 0 ? from : null,
      notes: this.start.notes,
      checkpoint: { kind: 'checkpoint', key, checkpoint },
    };
  }
}

const laneOf = async <S, Ev>(source: Source<unknown>, spec: FoldSpec<S, Ev>) => {
  const start = await startOf(source, spec.projection, spec, false);
  return 'kind' in start ? null : new Lane(spec, start);
};

const drain = async (source: Source<unknown>, from: Cursor, lanes: readonly Lane<unknown, unknown>[]) => {
  let end: JsonlEnd | null = null;
  for await (const batch of source.batches(from)) {
    for (const item of batch.items) for (const lane of lanes) lane.take(item);
    end = batch.end ?? end;
  }
  if (end === null) throw new Error(`${source.name}: the source ended without its end batch`);
  return end;
};

/** Both folds of `a.file` from one read, their checkpoints saved; null when they cannot share it. */
export const foldPair = async <A, EA, B, EB>(
  a: FoldSpec<A, EA>,
  b: FoldSpec<B, EB>,
): Promise<readonly [FoldOutcome<A>, FoldOutcome<B>] | null> => {
  if ((await unreadOf(a)) !== null) return null;
  const source = fileSource(a.file, { skipCorrupt: true });
  const la = await laneOf(source, a);
  const lb = await laneOf(source, b);
  if (la === null || lb === null) return null;
  const same = (k: 'from' | 'lastLine') => isDeepStrictEqual(la.start[k], lb.start[k]);
  if (!same('from') || !same('lastLine')) return null;
  const read = await drain(source, la.start.from, [la, lb] as unknown as Lane<unknown, unknown>[]);
  const end = { ...read, lastLine: read.lastLine ?? la.start.lastLine };
  const mark = await source.mark(end.cursor, end.lastLine);
  const events = await settle(a, la.folded(end, mark.fingerprint), []);
  return [events, await settle(b, lb.folded(end, mark.fingerprint), [])];
};
