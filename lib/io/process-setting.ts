// A process-wide setting that the command runner changes for the length of one command and then puts
// back, for choices that must reach code deep in shared steps which take no option for them (the line
// cap of line-limit.ts, the one-shot mode of one-shot.ts).

export interface ProcessSetting<T> {
  /** The value now. */
  readonly get: () => T;
  /** Runs `fn` with the setting at `value`, restoring the previous value afterwards, even on a throw. */
  readonly during: <R>(value: T, fn: () => Promise<R>) => Promise<R>;
}

export const processSetting = <T>(initial: T): ProcessSetting<T> => {
  let current = initial;
  return {
    get: () => current,
    during: async (value, fn) => {
      const before = current;
      current = value;
      try {
        return await fn();
      } finally {
        current = before;
      }
    },
  };
};
