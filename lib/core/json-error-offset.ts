// Node 20's JSON.parse often reports no position ("Unexpected token 'f', ... is not valid JSON"), so a
// clear `file:line:byte` needs its own answer: a small recursive-descent scanner that returns the
// character index where a JSON text first stops being valid. Law: for any text T that JSON.parse
// accepts, jsonErrorOffset(T) is null; for any other, it is an index in [0, T.length].

const WS = new Set([' ', '\t', '\n', '\r']);

class Scan {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && WS.has(this.s[this.i] as string)) this.i += 1;
  }
  lit(word: string): boolean {
    for (const ch of word) {
      if (this.s[this.i] !== ch) return false;
      this.i += 1;
    }
    return true;
  }
  str(): boolean {
    this.i += 1;
    while (this.i < this.s.length) {
      const c = this.s[this.i] as string;
      if (c === '"') return ((this.i += 1), true);
      if (c < ' ') return false;
      if (c === '\\') {
        const e = this.s[this.i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if ('"\\/bfnrt'.includes(e) && e !== '') this.i += 2;
        else return ((this.i += 1), false);
      } else this.i += 1;
    }
    return false;
  }
  num(): boolean {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (m === null) return false;
    this.i += m[0].length;
    return true;
  }
  seq(close: string, item: () => boolean): boolean {
    this.i += 1;
    this.ws();
    if (this.s[this.i] === close) return ((this.i += 1), true);
    for (;;) {
      if (!item()) return false;
      this.ws();
      if (this.s[this.i] === close) return ((this.i += 1), true);
      if (this.s[this.i] !== ',') return false;
      this.i += 1;
      this.ws();
    }
  }
  member = (): boolean => {
    if (this.s[this.i] !== '"' || !this.str()) return false;
    this.ws();
    if (this.s[this.i] !== ':') return false;
    this.i += 1;
    return this.value();
  };
  value = (): boolean => {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.seq('}', this.member);
    if (c === '[') return this.seq(']', this.value);
    if (c === '"') return this.str();
    if (c === 't') return this.lit('true');
    if (c === 'f') return this.lit('false');
    if (c === 'n') return this.lit('null');
    return this.num();
  };
}

/** Pure: the index where `text` stops being valid JSON, or null when it is valid. */
export const jsonErrorOffset = (text: string): number | null => {
  const scan = new Scan(text);
  if (!scan.value()) return Math.min(scan.i, text.length);
  scan.ws();
  return scan.i === text.length ? null : scan.i;
};
