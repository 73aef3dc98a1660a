// Refreshes triggered in bursts (a file event per appended line, a clock tick) collapse into at most
// one run now and one after it. Pure: promises only, no clock.
/**
 * Runs `fn` for a burst of triggers at most twice: once now, and once more after it if anything
 * triggered while it ran. Every caller's promise settles after a run that started after its call.
 */
export const coalesce = (fn: () => Promise<void>): (() => Promise<void>) => {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const p = fn().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (running === null) return start();
    again ??= running
      .catch(() => undefined)
      .then(() => {
        again = null;
        return start();
      });
    return again;
  };
};
