// Reads the poll cursor file (its shape and meaning: lib/loop/poll-cursor.ts).
import * as E from 'fp-ts/lib/Either.js';
import { savedCursorOf, type SavedCursor } from '../../lib/loop/poll-cursor.js';
import { CliError } from '../cli/errors.js';
import { readArtifactDoc, type ArtifactRoots } from '../cli/artifacts.js';

/** Reads the cursor file; absent → null; invalid JSON or offset → the reference's error lines. */
export const readCursorFile = async (
  file: string,
  roots: ArtifactRoots = [],
): Promise<SavedCursor | null> => {
  const doc = await readArtifactDoc(roots, file, `invalid JSON in cursor file: ${file}`);
  if (!doc.found) return null;
  const saved = savedCursorOf(doc.value, file);
  if (E.isLeft(saved)) throw new CliError(saved.left.message, [...saved.left.details]);
  return saved.right;
};
