// stderr carries text that came from the files a command read (a corrupt line's raw text in an error,
// a log's note). A terminal acts on control characters in it (clear the screen, set the title, move
// the cursor), so every one of them except newline and tab is written as a `\uXXXX` escape.

// C0 controls except \t and \n, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Pure: `text` with each control character but newline and tab escaped as `\uXXXX`. */
export const escapeControls = (text: string): string =>
  text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const RAW = Symbol('unescaped stream');

/**
 * The stream under an escaping one, for text opsfold composes itself with control characters it
 * means (the progress line's carriage return and erase): never for text read from a file.
 */
export const unescaped = <S extends NodeJS.WritableStream>(stream: S): S =>
  ((stream as unknown as Record<symbol, S | undefined>)[RAW] ?? stream) as S;

/** A stream that escapes control characters in every string written to `stream`. */
export const escapingStream = (stream: NodeJS.WritableStream): NodeJS.WritableStream =>
  new Proxy(stream, {
    get(target, prop, receiver) {
      if (prop === RAW) return target;
      if (prop !== 'write') return Reflect.get(target, prop, receiver) as unknown;
      return (chunk: unknown, ...rest: unknown[]) =>
        (target.write as (...a: unknown[]) => boolean).call(
          target,
          typeof chunk === 'string' ? escapeControls(chunk) : chunk,
          ...rest,
        );
    },
  });
