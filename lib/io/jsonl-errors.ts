// Errors of the JSONL edge carry the file, 1-based line and byte offset so an operator can go there.

/** A line that is not a valid record and is not the unterminated last line (which is a torn tail). */
export class CorruptLineError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly byteOffset: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${byteOffset}: ${reason}`);
    this.name = 'CorruptLineError';
  }
}

/** The source no longer matches the checkpoint or cursor it is resumed from. */
export class SourceChangedError extends Error {
  constructor(
    readonly file: string,
    readonly kind: 'truncated' | 'rotated',
    detail: string,
  ) {
    super(`${file}: ${kind}: ${detail}`);
    this.name = 'SourceChangedError';
  }
}
