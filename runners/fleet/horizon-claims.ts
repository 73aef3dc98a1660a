// The horizon bridge's file work: list the outbox (regular *.jsonl files, links not followed, in byte
// order), claim each by moving it into the claims' inflight folder under a name no other run uses, read
// the claims, and, once the run's documents are written, move each claim to processed/ or rejected/.
import { promises as fsp } from 'node:fs';
import { join, parse, relative, sep } from 'node:path';
import type { BridgeFiles, ClaimedFile, ClaimMove } from '../../lib/fleet/horizon-bridge.js';
import { discover } from '../../lib/io/discover.js';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import { moveWithin } from '../../lib/io/move.js';
import { readBytes } from '../../lib/io/store.js';
import { CliError } from '../cli/errors.js';

export interface BridgePaths extends BridgeFiles {
  readonly repo: string;
  /** Files the operator named by flag (read and written as named, not confined to the repo). */
  readonly named: ReadonlySet<string>;
  /** The root moves are confined to: the repo, or the file system when a folder was named by flag. */
  readonly moveRoot: string;
}

const inflight = (p: BridgePaths): string => join(p.claimsDir, 'inflight');

/** Creates the claims' inflight/, processed/ and rejected/ folders (as the reference does, up front). */
export const prepareClaims = async (p: BridgePaths): Promise<void> => {
  for (const dir of ['inflight', 'processed', 'rejected']) {
    const c = await confine(p.moveRoot, join(p.claimsDir, dir));
    if (!c.ok) throw new ConfinementError(c.path, c.reason);
    await fsp.mkdir(c.path, { recursive: true });
  }
};

/** The outbox's files, relative to it, in the reference's order (byte order of the path). */
const outboxFiles = async (outboxDir: string): Promise<string[]> =>
  (await discover('**/*.jsonl', outboxDir)).map((f) => relative(outboxDir, f).split(sep).join('/'));

/**
 * Claims up to `maxFiles` outbox files (0: all) in order; a file another run moved first is skipped.
 * `stamp` makes claim names unique to this run (the reference's `<epoch ns>.<pid>`).
 */
export const claimOutbox = async (p: BridgePaths, maxFiles: number, stamp: string): Promise<string[]> => {
  const claimed: string[] = [];
  for (const rel of await outboxFiles(p.outboxDir)) {
    if (maxFiles > 0 && claimed.length >= maxFiles) break;
    const claim = `${rel}.claim.${stamp}`;
    if ((await moveWithin(p.moveRoot, join(p.outboxDir, rel), join(inflight(p), claim))) === 'moved')
      claimed.push(claim);
  }
  return claimed;
};

/** The text of each claim; one that cannot be read is an error (it stays in inflight/). */
export const readClaims = async (p: BridgePaths, claims: readonly string[]): Promise<ClaimedFile[]> => {
  const out: ClaimedFile[] = [];
  for (const rel of claims) {
    const got = await readBytes(join(inflight(p), rel));
    if (got.kind !== 'bytes')
      throw new CliError(`cannot read claimed outbox file: ${join(inflight(p), rel)}`);
    out.push({ rel, text: got.bytes.toString('utf8') });
  }
  return out;
};

/** Moves each judged claim from inflight/ to processed/ or rejected/. */
export const settleClaims = async (p: BridgePaths, moves: readonly ClaimMove[]): Promise<void> => {
  for (const m of moves)
    await moveWithin(p.moveRoot, join(inflight(p), m.rel), join(p.claimsDir, m.to, m.rel));
};

/** The root moves are confined to: the repo, unless a folder was named outside it by flag. */
export const moveRootOf = (repo: string, namedDirs: readonly string[]): string =>
  namedDirs.length === 0 ? repo : parse(repo).root;
