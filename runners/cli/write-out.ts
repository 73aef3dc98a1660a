// Writes text or bytes to stdout with backpressure: resolves once they are handed to the OS, so a
// runner can write its cursor strictly after the output it covers.
export const writeOut = (stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    if (text.length === 0) return resolve();
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
