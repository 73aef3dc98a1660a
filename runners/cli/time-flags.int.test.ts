// Every time flag of every command is read by the one RFC 3339 parser: a time without a zone, a bare
// number or a loose date is a usage error (exit 64) naming the flag, before any file is read. The
// commands come from the table --help lists, so a new command is covered without listing it here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from './capture.js';
import { TIME_ARG } from './time-flag.js';

const work = mkdtempSync(join(tmpdir(), 'opsfold-time-flags-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const timeFlags = commands.flatMap((c) =>
  Object.entries(c.flags)
    .filter(([, f]) => f.arg === TIME_ARG)
    .map(([name, f]) => ({ command: c.path.join(' '), path: c.path, name, naive: f.naive === true })),
);

const REFUSED = ['1', 'Feb 22 2026', '2026-02-22', '2026-02-30T00:00:00Z', '2026-02-22 12:00:00Z'];
const ZONELESS = '2026-02-22T12:00:00';

describe('time flags', () => {
  it('covers --as-of on every command that takes it, and all are time flags', () => {
    const asOf = commands.filter((c) => 'as-of' in c.flags);
    expect(asOf.length).toBeGreaterThan(30);
    expect(asOf.filter((c) => c.flags['as-of']?.arg !== TIME_ARG).map((c) => c.path.join(' '))).toEqual([]);
  });

  it('lets only the ops cycle read a zone-less time (in its --tz, as its reference says)', () => {
    expect([...new Set(timeFlags.filter((f) => f.naive).map((f) => f.command))]).toEqual([
      'cycle run',
      'cycle history',
    ]);
  });

  it.each(timeFlags)('$command --$name refuses a time that is not RFC 3339 with a zone', async (f) => {
    const bad = f.naive ? REFUSED : [ZONELESS, ...REFUSED];
    for (const given of bad) {
      const r = await runCaptured(commands, [...f.path, `--${f.name}`, given], {
        cwd: work,
        env: {},
        now: () => Date.UTC(2026, 1, 22, 12),
      });
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([
        64,
        `error: --${f.name} must be RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z or 2026-02-22T21:00:00+09:00: ${given}`,
      ]);
    }
  });
});
