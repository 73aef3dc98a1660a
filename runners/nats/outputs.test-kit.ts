// Test support (imported by *.int.test.ts only): what a reconcile wrote under a repo's manager state,
// comparable across repos: the repo's path replaced, the events' sha256 and mtime (null from a stream,
// the file's otherwise) and the wall-clock durations masked, the cursors (a stream sequence or a file
// fingerprint) and locks left out.
import fs from 'node:fs';
import { join } from 'node:path';

export const outputsOf = (repo: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const dir = join(repo, '.superloop', 'ops-manager');
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, f);
    if (!fs.statSync(path).isFile() || f.endsWith('cursor.json') || f.endsWith('.lock')) continue;
    out[f] = masked(fs.readFileSync(path, 'utf8'), repo);
  }
  return out;
};

export const masked = (text: string, repo: string): string =>
  text
    .split(repo)
    .join('<repo>')
    .replace(/"(sha256|mtimeEpoch)":("[0-9a-f]{64}"|[0-9]+|null)/g, '"$1":"<file>"')
    .replace(/"(durationSeconds|durationMs)":[0-9]+/g, '"$1":0');
