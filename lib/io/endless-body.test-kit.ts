// A client that sends a request whose chunked body never ends, for the tests of every server's body
// cap: does the server answer and drop the connection, or read on without limit?
import * as net from 'node:net';

/**
 * Sends a request with an endless chunked body; resolves with whether the server dropped the
 * connection (instead of reading on) within `withinMs` of the first answer byte, and what it answered.
 */
export const endlessBody = (
  url: string,
  method: string,
  withinMs: number,
): Promise<{ dropped: boolean; head: string }> =>
  new Promise((resolve) => {
    const { hostname, port, pathname } = new URL(url);
    const socket = net.connect(Number(port), hostname);
    let head = '';
    let timer: NodeJS.Timeout | null = null;
    const chunk = `400\r\n${'x'.repeat(0x400)}\r\n`;
    const pump = setInterval(() => {
      if (!socket.destroyed) socket.write(chunk);
    }, 2);
    const done = (dropped: boolean) => {
      clearInterval(pump);
      if (timer !== null) clearTimeout(timer);
      socket.destroy();
      resolve({ dropped, head });
    };
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      timer ??= setTimeout(() => done(false), withinMs);
    });
    socket.on('close', () => done(true));
    socket.on('error', () => done(true));
    socket.write(`${method} ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nTransfer-Encoding: chunked\r\n\r\n`);
  });
