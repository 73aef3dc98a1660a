// Text decoding moved to lib/core/text.ts so the document Store (lib/io/store.ts) can use it.
export { decodeText, detectEncoding, type DecodedText, type TextEncodingName } from '../core/text.js';
