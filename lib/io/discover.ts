// Discovery is deterministic: fast-glob results come in file-system order, so they are always sorted,
// and symbolic links are not followed (a link must not pull files from outside the tree into a fold).
import fg from 'fast-glob';

/** Files matching the patterns under `cwd`, absolute, sorted by path; links are not followed. */
export const discover = async (patterns: string | readonly string[], cwd: string): Promise<string[]> => {
  const found = await fg([...(typeof patterns === 'string' ? [patterns] : patterns)], {
    cwd,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: true,
  });
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};
