// Step logs rewritten by Windows PowerShell come as UTF-16 (LE or BE) or UTF-8 with a BOM.
import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding } from './text.js';

const json = '{"phase": "done", "message": "目標達成"}';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => utf16le(s).swap16();

describe('given the bytes of a step log', () => {
  const cases: [string, Buffer, string][] = [
    ['plain UTF-8', Buffer.from(json), 'utf-8'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]), 'utf-8-bom'],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(json)]), 'utf-16le'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(json)]), 'utf-16be'],
    ['UTF-16 LE without a BOM', utf16le(json), 'utf-16le'],
    ['UTF-16 BE without a BOM', utf16be(json), 'utf-16be'],
  ];
  it.each(cases)('when they are %s, the text is the JSON without a BOM', (_name, bytes, encoding) => {
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(decodeText(bytes).text).toBe(json);
  });

  it('when the file is empty or one byte, it is UTF-8 text', () => {
    expect(decodeText(new Uint8Array()).text).toBe('');
    expect(decodeText(Buffer.from('{')).text).toBe('{');
  });

  it('when UTF-16 has an odd trailing byte, the text still decodes up to it (the parse then fails)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{}'), Buffer.from([0x7b])]);
    expect(decodeText(bytes).text.startsWith('{}')).toBe(true);
  });
});
