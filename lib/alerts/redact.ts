// Secrets (webhook URLs, bearer tokens, routing keys) must never reach telemetry, state, stdout or
// stderr. Every message that could echo one (a response body, a network error) passes through here.
// Law: for every secret s and text t, redact(t, [s]) contains none of s's forms (raw, URL-encoded,
// JSON-escaped, and for a URL its path+query and credentials when long enough to be identifying).
// It holds because every character covered by an occurrence is replaced, and no occurrence can
// straddle the marker (see markerFor).

export const REDACTED = '[redacted]';

// A URL's secret usually lives in its path (Slack's /services/T…/B…/…) or query (?token=…); short
// pieces such as "/" or "/hook" identify nothing and are left alone so messages stay readable.
const MIN_URL_PART = 8;

const urlParts = (s: string): string[] => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return [];
  try {
    const u = new URL(s);
    return [u.pathname + u.search, u.search, u.username, u.password].filter((p) => p.length >= MIN_URL_PART);
  } catch {
    return [];
  }
};

const formsOf = (s: string): string[] =>
  [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), ...urlParts(s)].filter((f) => f.length > 0);

// An occurrence touching '[redacted]' lies inside it, or starts inside it (so contains ']'), or ends
// inside it (so contains '['); any other secret gets a marker made of a character none of its forms has.
/** The usual marker when no occurrence can touch it, else a run of a character no form contains. */
const markerFor = (forms: readonly string[]): string => {
  const used = new Set(forms.join(''));
  if (!used.has('[') && !used.has(']') && !forms.some((f) => REDACTED.includes(f))) return REDACTED;
  let cp = 0x2588;
  while (used.has(String.fromCodePoint(cp))) cp += 1;
  return String.fromCodePoint(cp).repeat(3);
};

const covered = (text: string, forms: readonly string[]): boolean[] => {
  const mask = new Array<boolean>(text.length).fill(false);
  for (const f of forms) {
    for (let i = text.indexOf(f); i !== -1; i = text.indexOf(f, i + 1)) mask.fill(true, i, i + f.length);
  }
  return mask;
};

/** Pure: `text` with every stretch covered by a form of a secret replaced by one marker. */
export const redact = (text: string, secrets: readonly string[]): string => {
  const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap(formsOf))];
  if (forms.length === 0) return text;
  const mask = covered(text, forms);
  if (!mask.includes(true)) return text;
  const marker = markerFor(forms);
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    if (!mask[i]) out += text[i];
    else if (i === 0 || !mask[i - 1]) out += marker;
  }
  return out;
};
