// Where a byte string stops being UTF-8: only called on a line the native check refused, so a plain
// scan is fine. Follows the Unicode definition (no overlongs, no surrogates, nothing past U+10FFFF).

/** The byte range the second byte of a sequence led by `lead` must fall in, or null for a bad lead. */
const secondRange = (lead: number): readonly [number, number, number] | null => {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 1];
  if (lead === 0xe0) return [0xa0, 0xbf, 2];
  if (lead === 0xed) return [0x80, 0x9f, 2];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 2];
  if (lead === 0xf0) return [0x90, 0xbf, 3];
  if (lead === 0xf4) return [0x80, 0x8f, 3];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 3];
  return null;
};

/** Length of the valid sequence at `i`, or 0 when the bytes there are not UTF-8. */
const sequenceAt = (bytes: Uint8Array, i: number): number => {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const range = secondRange(lead);
  if (range === null) return 0;
  const [lo, hi, more] = range;
  const second = bytes[i + 1];
  if (second === undefined || second < lo || second > hi) return 0;
  for (let k = 2; k <= more; k += 1) {
    const b = bytes[i + k];
    if (b === undefined || b < 0x80 || b > 0xbf) return 0;
  }
  return more + 1;
};

/** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is. */
export const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceAt(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
};
