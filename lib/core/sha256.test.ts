import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256Hasher, sha256Digest, sha256Initial, sha256Update, type Sha256State } from './sha256.js';

const nodeSha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256 known vectors', () => {
  it('hashes the empty input to the FIPS 180-4 digest', () => {
    const digest = sha256Digest(sha256Initial);
    expect(digest).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(digest).toBe(nodeSha(new Uint8Array(0)));
  });

  it('hashes "abc" to the FIPS 180-4 digest', () => {
    const digest = sha256Digest(sha256Update(sha256Initial, utf8('abc')));
    expect(digest).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest).toBe(nodeSha(utf8('abc')));
  });

  it('hashes the 448-bit NIST vector, whose padding spills into a second block', () => {
    const msg = utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    const digest = sha256Digest(sha256Update(sha256Initial, msg));
    expect(digest).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(digest).toBe(nodeSha(msg));
  });

  it('hashes one million "a" bytes, fed whole and in 1000-byte chunks', () => {
    const msg = new Uint8Array(1_000_000).fill(0x61);
    const expected = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
    expect(nodeSha(msg)).toBe(expected);
    expect(Sha256Hasher.from().update(msg).digest()).toBe(expected);
    const chunked = Sha256Hasher.from();
    for (let off = 0; off < msg.length; off += 1000) chunked.update(msg.subarray(off, off + 1000));
    expect(chunked.digest()).toBe(expected);
  });
});

describe('sha256 against node:crypto', () => {
  it('agrees on random data of every length from 0 to 300 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const msg = randomBytes(n);
      expect(sha256Digest(sha256Update(sha256Initial, msg)), `length ${n}`).toBe(nodeSha(msg));
      expect(Sha256Hasher.from().update(msg).digest(), `length ${n}`).toBe(nodeSha(msg));
    }
  });

  it('agrees on a few large random inputs, including ones that are not a multiple of 64', () => {
    for (const n of [65_536, 1_000_003, 4_194_304 + 55, 3_000_000 + 63]) {
      const msg = randomBytes(n);
      expect(Sha256Hasher.from().update(msg).digest(), `length ${n}`).toBe(nodeSha(msg));
    }
  });

  it('reads only the viewed bytes of a subarray with a non-zero byteOffset', () => {
    const backing = randomBytes(500);
    const view = backing.subarray(7, 7 + 333);
    expect(Sha256Hasher.from().update(view).digest()).toBe(nodeSha(view));
  });
});

describe('sha256 resumable state', () => {
  it('resumes from a JSON checkpoint taken mid-block and matches hashing the whole input', () => {
    const msg = randomBytes(1000);
    const saved: Sha256State = JSON.parse(JSON.stringify(sha256Update(sha256Initial, msg.subarray(0, 123))));
    expect(saved.pending).toHaveLength(2 * (123 % 64));
    expect(saved.length).toBe(123);
    expect(sha256Digest(sha256Update(saved, msg.subarray(123)))).toBe(nodeSha(msg));
  });

  it('keeps the hasher usable after digest()', () => {
    const hasher = Sha256Hasher.from().update(utf8('ab'));
    expect(hasher.digest()).toBe(nodeSha(utf8('ab')));
    expect(hasher.update(utf8('c')).digest()).toBe(nodeSha(utf8('abc')));
  });

  it('exposes a frozen initial state that does not change as hashers run', () => {
    const before = JSON.stringify(sha256Initial);
    Sha256Hasher.from().update(randomBytes(200)).digest();
    expect(JSON.stringify(sha256Initial)).toBe(before);
    expect(Object.isFrozen(sha256Initial)).toBe(true);
  });

  it('stores the words as unsigned 32-bit integers', () => {
    const state = sha256Update(sha256Initial, randomBytes(640));
    for (const w of state.h) expect(w >>> 0).toBe(w);
  });

  it('rejects malformed checkpoint states rather than hashing garbage', () => {
    const good = sha256Update(sha256Initial, utf8('hello'));
    expect(() => Sha256Hasher.from({ ...good, h: good.h.slice(0, 7) })).toThrow(RangeError);
    expect(() => Sha256Hasher.from({ ...good, pending: 'zz' })).toThrow(RangeError);
    expect(() => Sha256Hasher.from({ ...good, length: 6 })).toThrow(RangeError);
    expect(() => Sha256Hasher.from({ ...good, length: -5 })).toThrow(RangeError);
    expect(() => Sha256Hasher.from({ ...good, h: [...good.h.slice(1), 2 ** 32] })).toThrow(RangeError);
  });
});
