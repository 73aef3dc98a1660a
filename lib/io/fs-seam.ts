// The one seam through which opsfold writes. Production uses lib/io's file calls (direct-fs.ts); fault
// tests pass a seam that fails with ENOSPC, EIO or EACCES on a chosen call, without patching node
// internals.
import { fsp, type Handle } from './direct-fs.js';

export interface WriteSeam {
  open(path: string, flags: string, mode?: number): Promise<Handle>;
  write(handle: Handle, data: Buffer): Promise<void>;
  fsync(handle: Handle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

const writeAll = async (handle: Handle, data: Buffer): Promise<void> => {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done);
    done += bytesWritten;
  }
};

export const nodeSeam: WriteSeam = {
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  write: writeAll,
  fsync: (handle) => handle.sync(),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path) => {
    await fsp.mkdir(path, { recursive: true });
  },
};
