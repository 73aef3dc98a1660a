// Test helpers for lib/io integration tests: real temp directories (removed after each test) and a
// reader that drains iterateJsonlBatches into plain values, keeping the error instead of throwing.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  iterateJsonlBatches,
  type JsonlBatch,
  type JsonlEnd,
  type JsonlItem,
  type ReadOptions,
} from '../jsonl.js';

/** Returns a factory of fresh `opsfold-*` temp dirs; every dir it made is removed after each test. */
export const useTempDirs = (): (() => string) => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'opsfold-'));
    dirs.push(dir);
    return dir;
  };
};

export interface Drained<T> {
  readonly batches: JsonlBatch<T>[];
  readonly items: JsonlItem<T>[];
  readonly end: JsonlEnd | null;
  /** Every buffer onConsumed received, concatenated. */
  readonly consumed: Buffer;
  readonly error: unknown;
}

/** Reads `file` to the end (or to its error) and returns everything the reader handed out. */
export const drain = async <T = unknown>(
  file: string,
  options: Omit<ReadOptions<T>, 'onConsumed'> = {},
): Promise<Drained<T>> => {
  const batches: JsonlBatch<T>[] = [];
  const parts: Buffer[] = [];
  let error: unknown = null;
  try {
    for await (const batch of iterateJsonlBatches<T>(file, {
      ...options,
      onConsumed: (b) => parts.push(Buffer.from(b)),
    })) {
      batches.push(batch);
    }
  } catch (err) {
    error = err;
  }
  const last = batches[batches.length - 1];
  return {
    batches,
    items: batches.flatMap((b) => [...b.items]),
    end: last?.end ?? null,
    consumed: Buffer.concat(parts),
    error,
  };
};

/** Records only, as `[line, byteOffset, value]` triples: compact to compare. */
export const recordsOf = <T>(items: readonly JsonlItem<T>[]): [number, number, T][] =>
  items.flatMap((i) =>
    i.kind === 'record' ? [[i.position.line, i.position.byteOffset, i.value] as [number, number, T]] : [],
  );
