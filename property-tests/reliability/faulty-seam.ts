// A WriteSeam that fails one chosen call with a chosen errno (ENOSPC, EIO, EACCES …), the way a full
// disk, a failing device or a permission change would, without touching node internals. A `write`
// fault may first write part of the buffer, as a short write before ENOSPC does.
import { nodeSeam, type WriteSeam } from '../../lib/io/fs-seam.js';

export type SeamOp = 'open' | 'write' | 'fsync' | 'rename' | 'mkdir' | 'unlink';
export const SEAM_OPS: readonly SeamOp[] = ['open', 'write', 'fsync', 'rename', 'mkdir', 'unlink'];
export const FAULT_CODES = ['ENOSPC', 'EIO', 'EACCES'] as const;

export interface Fault {
  readonly op: SeamOp;
  readonly code: string;
  /** Which call of `op` fails, 1-based. */
  readonly nth: number;
  /** For `write`: how many bytes reach the file before the error. */
  readonly partialBytes?: number;
}

const errnoError = (code: string, op: SeamOp): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: injected fault, ${op}`), { code, syscall: op });

/** The seam, and a count of the calls each operation received. */
export const faultySeam = (
  fault: Fault,
): { seam: WriteSeam; calls: Record<SeamOp, number>; fired: () => boolean } => {
  const calls: Record<SeamOp, number> = { open: 0, write: 0, fsync: 0, rename: 0, mkdir: 0, unlink: 0 };
  let fired = false;
  const hit = (op: SeamOp): boolean => {
    calls[op] += 1;
    const now = op === fault.op && calls[op] === fault.nth;
    if (now) fired = true;
    return now;
  };
  const seam: WriteSeam = {
    open: async (path, flags, mode) => {
      if (hit('open')) throw errnoError(fault.code, 'open');
      return nodeSeam.open(path, flags, mode);
    },
    write: async (handle, data) => {
      if (!hit('write')) return nodeSeam.write(handle, data);
      if ((fault.partialBytes ?? 0) > 0) await nodeSeam.write(handle, data.subarray(0, fault.partialBytes));
      throw errnoError(fault.code, 'write');
    },
    fsync: async (handle) => {
      if (hit('fsync')) throw errnoError(fault.code, 'fsync');
      return nodeSeam.fsync(handle);
    },
    rename: async (from, to) => {
      if (hit('rename')) throw errnoError(fault.code, 'rename');
      return nodeSeam.rename(from, to);
    },
    mkdir: async (path) => {
      if (hit('mkdir')) throw errnoError(fault.code, 'mkdir');
      return nodeSeam.mkdir(path);
    },
    unlink: async (path) => {
      if (hit('unlink')) throw errnoError(fault.code, 'unlink');
      return nodeSeam.unlink(path);
    },
  };
  return { seam, calls, fired: () => fired };
};
