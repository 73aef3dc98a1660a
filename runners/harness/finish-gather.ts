// What finish-check reads besides the evidence file: the closeout markers and the callback envelope it
// names (relative to the evidence file, read where they are), and the task's external-dirty blocker
// under --root (through the workspace Store).
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FinishEvidence as Evidence } from '../../lib/harness/finish-codecs.js';
import { withExternalDirt, type MarkerDoc } from '../../lib/harness/finish-facts.js';
import { CloseoutMarkerDoc, ExternalDirtyBlocker } from '../../lib/harness/input-codecs.js';
import { readDocument, type Store } from '../../lib/io/store.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { sha256 } from './operator-file.js';

// A marker the evidence names (relative to the evidence file) that is missing, unreadable, not JSON or
// not an object is an invalid marker, not an error.
export const markerDoc = async (base: string, path: string): Promise<MarkerDoc> => {
  const doc = await readDocument(resolve(base, path), CloseoutMarkerDoc);
  if (doc.kind !== 'found') return { path, valid: false, chairAuthorizationId: null };
  const id = doc.value.chair_authorization_id;
  return { path, valid: true, chairAuthorizationId: id === undefined || id === '' ? null : id };
};

/** sha256 of the callback envelope file the evidence names; a missing one is an error. */
export const fileSha = async (base: string, path: string | undefined): Promise<string | null> => {
  if (path === undefined) return null;
  const data = await fsp.readFile(resolve(base, path)).catch(() => null);
  if (data === null) throw new CliError(`envelope file not found: ${path}`);
  return sha256(data);
};

/** Adds the files of `<task>.external-dirty-blocker.json` under --root to the evidence's external dirt. */
export const withBlocker = async (
  evidence: Evidence,
  root: Store | undefined,
  taskId: string,
): Promise<Evidence> => {
  if (root === undefined) return evidence;
  const file = join(root.root, 'memory', 'events', `${taskId}.external-dirty-blocker.json`);
  const read = await root.read(file, ExternalDirtyBlocker);
  const blocker = foundOr(read, `invalid external dirty blocker: ${file}`, file);
  return withExternalDirt(evidence, blocker.found ? blocker.value.files : undefined);
};
