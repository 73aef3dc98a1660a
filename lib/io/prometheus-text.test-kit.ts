// A small reader of the Prometheus text exposition format for the tests that scrape /metrics: HELP and
// TYPE comments, and samples `name{label="value",...} number` with the format's escapes in label values.
// A line it does not understand throws, so a malformed exposition fails the test.

export interface ParsedSample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

export interface ParsedExposition {
  readonly help: Map<string, string>;
  readonly type: Map<string, string>;
  readonly samples: ParsedSample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?$/;
const LABEL = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(,|$)/;

const unescape = (s: string): string => s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));

const labelsOf = (text: string, line: string): Record<string, string> => {
  const out: Record<string, string> = {};
  let rest = text;
  while (rest.trim() !== '') {
    const m = LABEL.exec(rest);
    if (m === null) throw new Error(`bad labels in exposition line: ${line}`);
    Object.defineProperty(out, m[1] ?? '', { value: unescape(m[2] ?? ''), enumerable: true });
    rest = rest.slice(m[0].length);
  }
  return out;
};

const valueOf = (s: string): number => {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  const n = Number(s);
  if (Number.isNaN(n)) throw new Error(`bad sample value: ${s}`);
  return n;
};

/** Parses an exposition; throws on a line that is neither a comment, blank, nor a sample. */
export const parseExposition = (text: string): ParsedExposition => {
  const out: ParsedExposition = { help: new Map(), type: new Map(), samples: [] };
  for (const line of text.split('\n')) {
    const comment = /^#\s+(HELP|TYPE)\s+(\S+)\s+(.*)$/.exec(line);
    if (comment !== null) {
      (comment[1] === 'HELP' ? out.help : out.type).set(comment[2] ?? '', comment[3] ?? '');
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (m === null) throw new Error(`bad exposition line: ${line}`);
    out.samples.push({ name: m[1] ?? '', labels: labelsOf(m[3] ?? '', line), value: valueOf(m[4] ?? '') });
  }
  return out;
};

/** The value of the one sample of `name` with exactly `labels`; undefined when there is none. */
export const sampleValue = (
  p: ParsedExposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined => {
  const want = JSON.stringify(Object.entries(labels).sort());
  const hits = p.samples.filter(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === want,
  );
  if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} ${want}`);
  return hits[0]?.value;
};
