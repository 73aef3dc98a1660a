// Files in a TOS root are written by Python (UTF-8), by Windows PowerShell 5.1 (`Set-Content -Encoding
// UTF8` adds a BOM, `Out-File` writes UTF-16 LE with a BOM) and by hand. Law: decodeText(bytes).text is
// the file's text without its byte-order mark, whatever the encoding; bytes that are not valid in the
// detected encoding become U+FFFD and the caller's JSON parse reports them.

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

const at = (b: Uint8Array, i: number): number => b[i] ?? -1;

const unmarkedEncoding = (b0: number, b1: number): TextEncodingName => {
  if (b1 === -1) return 'utf-8';
  if (b0 !== 0 && b1 === 0) return 'utf-16le';
  return b0 === 0 && b1 !== 0 ? 'utf-16be' : 'utf-8';
};

/**
 * Pure: the encoding a byte-order mark names, or, without one, UTF-16 when the first code unit has a
 * zero byte on one side (JSON starts with ASCII), else UTF-8.
 */
export const detectEncoding = (b: Uint8Array): TextEncodingName => {
  const head = [at(b, 0), at(b, 1), at(b, 2)].join(',');
  if (head === '239,187,191') return 'utf-8-bom';
  if (head.startsWith('255,254,')) return 'utf-16le';
  if (head.startsWith('254,255,')) return 'utf-16be';
  return unmarkedEncoding(at(b, 0), at(b, 1));
};
const swapPairs = (b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(b.length - (b.length % 2));
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = at(b, i + 1);
    out[i + 1] = at(b, i);
  }
  return out;
};

const BOM_LENGTH: Record<TextEncodingName, number> = {
  'utf-8': 0,
  'utf-8-bom': 3,
  'utf-16le': 2,
  'utf-16be': 2,
};

const hasBom = (b: Uint8Array, e: TextEncodingName): boolean =>
  e === 'utf-8-bom' ||
  (e === 'utf-16le' && at(b, 0) === 0xff && at(b, 1) === 0xfe) ||
  (e === 'utf-16be' && at(b, 0) === 0xfe && at(b, 1) === 0xff);

/** Pure: the text of a file's bytes, BOM removed, in the encoding detectEncoding names. */
export const decodeText = (bytes: Uint8Array): DecodedText => {
  const encoding = detectEncoding(bytes);
  const body = bytes.subarray(hasBom(bytes, encoding) ? BOM_LENGTH[encoding] : 0);
  const le = encoding === 'utf-16be' ? swapPairs(body) : body;
  const label = encoding.startsWith('utf-16') ? 'utf-16le' : 'utf-8';
  const text = new TextDecoder(label, { ignoreBOM: true }).decode(le);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding };
};
