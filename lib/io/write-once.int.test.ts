// Create-only writes on real files: the first writer creates, every later one (or a concurrent one)
// gets `exists` and the file keeps the first bytes; no temp file is left behind.
import fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './testdata/temp.js';
import { writeOnce } from './write-once.js';

const tempDir = useTempDirs();

describe('writeOnce', () => {
  it('creates the file and its directory, then never replaces it', async () => {
    const file = join(tempDir(), 'markers', 'm.json');
    expect(await writeOnce(file, 'first\n')).toBe('created');
    expect(await writeOnce(file, 'second\n')).toBe('exists');
    expect(fs.readFileSync(file, 'utf8')).toBe('first\n');
    expect(fs.readdirSync(join(file, '..'))).toEqual(['m.json']);
  });

  it('lets exactly one of many concurrent writers create the file', async () => {
    const file = join(tempDir(), 'lock');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => writeOnce(file, `w${i}`)));
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    const winner = results.indexOf('created');
    expect(fs.readFileSync(file, 'utf8')).toBe(`w${winner}`);
  });
});
