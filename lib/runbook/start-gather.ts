// What the S-6 start conditions (start-conditions.ts) are decided on, gathered through ports: the closeout
// documents and the checkpoint file as bytes (confined to the root), the config decoded, the environment
// (only whether each key is set), and git for whether the checkpoint is a commit of the root's repository.
import type { TosConfig } from './codecs.js';
import { configRefusals, type ConfigRefusal } from './config-keys.js';
import { LAST_CHECKPOINT } from './checkpoint-file.js';
import type { Git } from './git-steps.js';
import {
  API_KEYS,
  checkpointHashOf,
  CLOSEOUT,
  CLOSEOUT_CHECKLIST,
  type StartFacts,
} from './start-conditions.js';
import type { TosDoc } from './tos-facts.js';

export interface StartPorts {
  /** A file of the root (relative path), null when missing. */
  bytes(rel: string): Promise<Uint8Array | null>;
  /** config_v0_3.json as read. */
  config(): Promise<TosDoc<TosConfig>>;
  readonly git: Git;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const refusalsOf = (doc: TosDoc<TosConfig>): ConfigRefusal[] => {
  if (doc.kind === 'problem') return [{ key: '(the file)', why: doc.detail }];
  return doc.kind === 'found' ? configRefusals(doc.value) : [];
};

const isCommit = async (git: Git, hash: string | null): Promise<boolean | null> => {
  if (hash === null) return false;
  const tree = await git(['rev-parse', '--is-inside-work-tree']);
  if (tree.code !== 0 || tree.stdout.trim() !== 'true') return null;
  if (hash.startsWith('-')) return false;
  return (await git(['cat-file', '-e', `${hash}^{commit}`])).code === 0;
};

/** Gathers the facts of the S-6 start conditions. */
export const gatherStart = async (p: StartPorts): Promise<StartFacts> => {
  const checkpoint = await p.bytes(LAST_CHECKPOINT);
  return {
    closeout: await p.bytes(CLOSEOUT),
    checklist: await p.bytes(CLOSEOUT_CHECKLIST),
    configRefusals: refusalsOf(await p.config()),
    keysSet: API_KEYS.filter((k) => (p.env[k] ?? '') !== ''),
    checkpoint,
    checkpointIsCommit: await isCommit(p.git, checkpointHashOf(checkpoint)),
  };
};
