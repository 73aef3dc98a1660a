// Law: with a token configured, a request is authorized exactly when one of the tokens it presents
// (the Bearer value, trimmed, or X-Ops-Token) equals the token; with no token (insecure mode) always.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorized, presentedTokens, type AuthMode } from './service-auth.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const token = 's3cret-token';
const mode: AuthMode = { kind: 'token', matches: (c) => c === token };

describe('presentedTokens', () => {
  it('reads a case-insensitive Bearer value, trimmed, and the X-Ops-Token header', () => {
    expect(presentedTokens({ authorization: 'bEaReR  abc ', xOpsToken: 'xyz' })).toEqual(['abc', 'xyz']);
  });
  it('ignores other schemes and empty values', () => {
    expect(presentedTokens({ authorization: 'Basic abc', xOpsToken: '' })).toEqual([]);
  });
});

describe('authorized', () => {
  it('lets everything through in insecure mode', () => {
    expect(authorized({ kind: 'open' }, {})).toBe(true);
  });
  it('compares every presented token (a wrong Bearer does not hide a right X-Ops-Token)', () => {
    const seen: string[] = [];
    const spy: AuthMode = { kind: 'token', matches: (c) => (seen.push(c), c === token) };
    expect(authorized(spy, { authorization: `Bearer ${token}`, xOpsToken: 'wrong' })).toBe(true);
    expect(seen).toEqual([token, 'wrong']);
  });
  it('holds the law for any headers', () => {
    const value = fc.oneof(fc.constant(token), fc.constant(` ${token} `), fc.string(), fc.constant(''));
    fc.assert(
      fc.property(
        fc.option(value, { nil: undefined }),
        fc.option(value, { nil: undefined }),
        fc.boolean(),
        (bearer, x, scheme) => {
          const h = {
            authorization: bearer === undefined ? undefined : `${scheme ? 'Bearer' : 'Token'} ${bearer}`,
            xOpsToken: x,
          };
          const expected = (scheme && bearer !== undefined && bearer.trim() === token) || x === token;
          expect(authorized(mode, h)).toBe(expected);
        },
      ),
      { seed },
    );
  });
});
