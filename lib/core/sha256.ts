// A pure, dependency-free, resumable SHA-256 (FIPS 180-4). Log folds resume from a checkpoint and must still
// report the sha256 of the whole file while reading only the bytes appended since; node:crypto's Hash cannot
// serialize its mid-state, this can. The law it keeps: digest(update(update(s, a), b)) == sha256(a ++ b) for
// any split of the input, and every Sha256State survives a JSON round trip unchanged in meaning.

/** A serializable SHA-256 mid-state: the eight working words, the bytes not yet forming a 64-byte block (hex), and the total length in bytes. JSON-safe. */
export interface Sha256State {
  readonly h: readonly number[];
  readonly pending: string;
  readonly length: number;
}

const IV: readonly number[] = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** Message schedule scratch, shared by every hasher: compress() never re-enters, so one array suffices. */
const W = new Int32Array(64);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const sha256Initial: Sha256State = Object.freeze({
  h: Object.freeze([...IV]),
  pending: '',
  length: 0,
});

/**
 * Absorbs the 64-byte block at offset `off` of `view` into h. The hot loop: Int32 arithmetic only. Taking a
 * DataView (big-endian getInt32) for both the input and the internal buffer keeps this call site monomorphic
 * whether callers pass Uint8Arrays or Buffers, and was faster here than assembling words byte by byte.
 */
function compress(h: Int32Array, view: DataView, off: number): void {
  const w = W;
  for (let i = 0; i < 16; i++, off += 4) w[i] = view.getInt32(off);
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!;
  let b = h[1]!;
  let c = h[2]!;
  let d = h[3]!;
  let e = h[4]!;
  let f = h[5]!;
  let g = h[6]!;
  let hh = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (hh + S1 + (g ^ (e & (f ^ g))) + K[i]! + w[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) | (c & (a | b)))) | 0;
    hh = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + hh) | 0;
}

function invalid(why: string): never {
  throw new RangeError(`Sha256State is malformed: ${why}`);
}

function checkState(state: Sha256State): void {
  const { h, pending, length } = state;
  if (!Array.isArray(h) || h.length !== 8) invalid('h must hold eight words');
  if (!h.every((x) => Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff))
    invalid('h words are 32-bit');
  if (!Number.isSafeInteger(length) || length < 0) invalid('length must be a non-negative safe integer');
  if (typeof pending !== 'string' || !/^(?:[0-9a-f]{2})*$/i.test(pending))
    invalid('pending must be hex bytes');
  if (pending.length / 2 !== length % 64) invalid('pending must hold exactly length % 64 bytes');
}

/** A mutable, fast hasher for hot loops (one object, internal Int32Array/Uint8Array buffers), convertible to and from Sha256State. */
export class Sha256Hasher {
  private readonly h = new Int32Array(8);
  private readonly buf = new Uint8Array(64);
  private readonly bufView = new DataView(this.buf.buffer);
  private bufLen = 0;
  private total = 0;

  private constructor() {}

  static from(state: Sha256State = sha256Initial): Sha256Hasher {
    checkState(state);
    const hasher = new Sha256Hasher();
    for (let i = 0; i < 8; i++) hasher.h[i] = state.h[i]! | 0;
    const n = state.pending.length / 2;
    for (let i = 0; i < n; i++) hasher.buf[i] = parseInt(state.pending.slice(2 * i, 2 * i + 2), 16);
    hasher.bufLen = n;
    hasher.total = state.length;
    return hasher;
  }

  update(bytes: Uint8Array): this {
    const len = bytes.length;
    let off = 0;
    if (this.bufLen > 0) {
      off = Math.min(64 - this.bufLen, len);
      this.buf.set(bytes.subarray(0, off), this.bufLen);
      this.bufLen += off;
      if (this.bufLen < 64) {
        this.total += len;
        return this;
      }
      compress(this.h, this.bufView, 0);
      this.bufLen = 0;
    }
    if (len - off >= 64) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, len); // a view, not a copy
      for (; off + 64 <= len; off += 64) compress(this.h, view, off);
    }
    if (off < len) {
      this.buf.set(bytes.subarray(off), 0);
      this.bufLen = len - off;
    }
    this.total += len;
    return this;
  }

  state(): Sha256State {
    let pending = '';
    for (let i = 0; i < this.bufLen; i++) pending += HEX[this.buf[i]!]!;
    return { h: Array.from(this.h, (x) => x >>> 0), pending, length: this.total };
  }

  /** The lowercase hex digest of everything absorbed so far; pads a copy, so the hasher stays usable. */
  digest(): string {
    const h = this.h.slice();
    const block = new Uint8Array(128);
    block.set(this.buf.subarray(0, this.bufLen));
    block[this.bufLen] = 0x80;
    const end = this.bufLen < 56 ? 64 : 128;
    const view = new DataView(block.buffer);
    view.setUint32(end - 8, Math.floor(this.total / 0x20000000));
    view.setUint32(end - 4, (this.total << 3) >>> 0);
    for (let off = 0; off < end; off += 64) compress(h, view, off);
    let hex = '';
    for (let i = 0; i < 8; i++) hex += (h[i]! >>> 0).toString(16).padStart(8, '0');
    return hex;
  }
}

/** Pure: returns a new state after absorbing `bytes` (Uint8Array). Does not mutate its input. */
export function sha256Update(state: Sha256State, bytes: Uint8Array): Sha256State {
  return Sha256Hasher.from(state).update(bytes).state();
}

/** Pure: the lowercase hex digest of everything absorbed so far; the state stays usable. */
export function sha256Digest(state: Sha256State): string {
  return Sha256Hasher.from(state).digest();
}
