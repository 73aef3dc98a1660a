// The file calls lib/io makes on small files (documents, checkpoints, lock directories, confinement,
// atomic writes), with the signatures of node:fs/promises. In a one-shot command (one-shot.ts) they run
// directly: each is a system call of a few microseconds on a local file, while a trip through libuv's
// thread pool costs ~70 µs on the project's machines, and one incremental reconcile makes about 300 of
// them. A long-running server keeps the thread pool, so a slow disk cannot stall its event loop.
// Either way a call returns a promise and fails with the same errno error.
import fs, { promises as nodeFsp, type BigIntStats, type MakeDirectoryOptions, type Stats } from 'node:fs';
import { isOneShot } from './one-shot.js';

/** The part of fs/promises' FileHandle that lib/io uses; a direct handle is an fd behind the same calls. */
export interface Handle {
  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number; buffer: Buffer }>;
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number; buffer: Buffer }>;
  stat(): Promise<Stats>;
  readFile(): Promise<Buffer>;
  truncate(len: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

const now = <T>(call: () => T): Promise<T> => {
  try {
    return Promise.resolve(call());
  } catch (err) {
    return Promise.reject(err as Error);
  }
};

class DirectHandle implements Handle {
  // Closing twice must not close whatever file took the number in between.
  private closed = false;

  constructor(private readonly fd: number) {}

  read(buffer: Buffer, offset: number, length: number, position: number | null) {
    return now(() => ({ bytesRead: fs.readSync(this.fd, buffer, offset, length, position), buffer }));
  }

  write(buffer: Buffer, offset: number, length: number) {
    return now(() => ({ bytesWritten: fs.writeSync(this.fd, buffer, offset, length), buffer }));
  }

  stat() {
    return now(() => fs.fstatSync(this.fd));
  }

  readFile() {
    return now(() => fs.readFileSync(this.fd));
  }

  truncate(len: number) {
    return now(() => fs.ftruncateSync(this.fd, len));
  }

  sync() {
    return now(() => fs.fsyncSync(this.fd));
  }

  close() {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return now(() => fs.closeSync(this.fd));
  }
}

type StatOf = {
  (path: string): Promise<Stats>;
  (path: string, options: { bigint: true }): Promise<BigIntStats>;
};

const statOf =
  (sync: typeof fs.statSync, async: typeof nodeFsp.stat): StatOf =>
  (path: string, options?: { bigint: true }) =>
    isOneShot()
      ? now(() => (options === undefined ? sync(path) : sync(path, options)) as Stats & BigIntStats)
      : ((options === undefined ? async(path) : async(path, options)) as Promise<Stats & BigIntStats>);

/** fs/promises' calls on small files, direct in a one-shot command. */
export const fsp = {
  open: (path: string, flags: string | number, mode?: number): Promise<Handle> =>
    isOneShot()
      ? now(() => new DirectHandle(fs.openSync(path, flags, mode)))
      : nodeFsp.open(path, flags, mode),
  stat: statOf(fs.statSync, nodeFsp.stat),
  lstat: statOf(fs.lstatSync, nodeFsp.lstat),
  realpath: (path: string): Promise<string> =>
    isOneShot() ? now(() => fs.realpathSync(path)) : nodeFsp.realpath(path),
  readFile: (path: string, encoding: 'utf8'): Promise<string> =>
    isOneShot() ? now(() => fs.readFileSync(path, encoding)) : nodeFsp.readFile(path, encoding),
  mkdir: (path: string, options?: MakeDirectoryOptions): Promise<string | undefined> =>
    isOneShot() ? now(() => fs.mkdirSync(path, options)) : nodeFsp.mkdir(path, options),
  rm: (path: string, options: fs.RmOptions): Promise<void> =>
    isOneShot() ? now(() => fs.rmSync(path, options)) : nodeFsp.rm(path, options),
  rmdir: (path: string): Promise<void> => (isOneShot() ? now(() => fs.rmdirSync(path)) : nodeFsp.rmdir(path)),
  rename: (from: string, to: string): Promise<void> =>
    isOneShot() ? now(() => fs.renameSync(from, to)) : nodeFsp.rename(from, to),
  unlink: (path: string): Promise<void> =>
    isOneShot() ? now(() => fs.unlinkSync(path)) : nodeFsp.unlink(path),
  utimes: (path: string, atime: Date, mtime: Date): Promise<void> =>
    isOneShot() ? now(() => fs.utimesSync(path, atime, mtime)) : nodeFsp.utimes(path, atime, mtime),
};
