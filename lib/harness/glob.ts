// Path globs for scope guards: `**` any number of path segments, `*` and `?` within one segment, a
// pattern ending in `/` covers everything below it. Pure; paths are repository-relative with `/`.

const escape = (c: string): string => (/[\\^$.+()|{}[\]]/.test(c) ? `\\${c}` : c);

/** Pure: the regular expression a glob stands for (anchored). */
export const globToRegExp = (glob: string): RegExp => {
  const g = glob.endsWith('/') ? `${glob}**` : glob;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += escape(c);
  }
  return new RegExp(`^${re}$`);
};

/** Pure: whether the path matches any of the globs. */
export const matchesAny = (path: string, globs: readonly string[]): boolean =>
  globs.some((g) => globToRegExp(g).test(path));
