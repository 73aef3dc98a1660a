// The one seam through which opsfold writes. Production uses node:fs/promises; fault tests pass a
// seam that fails with ENOSPC, EIO or EACCES on a chosen call, without patching node internals.
import { promises as fsp } from 'node:fs';

export interface WriteSeam {
  open(path: string, flags: string, mode?: number): Promise<fsp.FileHandle>;
  write(handle: fsp.FileHandle, data: Buffer): Promise<void>;
  fsync(handle: fsp.FileHandle): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

const writeAll = async (handle: fsp.FileHandle, data: Buffer): Promise<void> => {
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
