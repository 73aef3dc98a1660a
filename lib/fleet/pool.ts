// Bounded concurrency: at most `limit` tasks in flight, results in input order (the reference reaps
// its background loops first-launched-first, so results follow the launch order too).

/** Runs `fn` over `items` with at most `limit` running at once; resolves to the results in input order. */
export const mapBounded = async <T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
};
