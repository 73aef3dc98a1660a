// A real `opsfold ship` process SIGKILLed while it publishes, at a few points, then run again to the
// end: the stream holds every line exactly once (the resend is dropped by its message ids) and the fold
// from the stream equals the fold of the file. Runs the built bin (npm run build).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../lib/io/testdata/temp.js';
import { loopAddress } from '../../lib/io/nats/names.js';
import { foldFromFile, foldFromStream, messagesOf } from '../../lib/io/nats/testdata/fold-kit.js';
import { natsMissing } from '../../lib/io/nats/testdata/server.js';
import { useNatsServer } from '../../lib/io/nats/testdata/use-server.js';

const BIN = fileURLToPath(new URL('../../dist/runners/opsfold.js', import.meta.url));
const built = fs.existsSync(BIN);
const tempDir = useTempDirs();
const LINES = 20_000;

describe.skipIf(natsMissing !== null || !built)(`opsfold ship killed mid-publish${natsMissing ?? ''}`, () => {
  const nats = useNatsServer({ connect: true });

  it.each([300, 700, 1200])('loses and repeats nothing after a SIGKILL at %i ms', async (ms) => {
    const repo = tempDir();
    const loopDir = join(repo, '.superloop', 'loops', 'demo');
    fs.mkdirSync(loopDir, { recursive: true });
    const file = join(loopDir, 'events.jsonl');
    const lines = Array.from({ length: LINES }, (_, i) =>
      JSON.stringify({ i, at: ms, pad: 'y'.repeat(i % 80) }),
    );
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    // Each case ships under its own fleet so the subjects do not mix.
    const at = loopAddress(`kill${ms}`, 'demo');
    const url = nats.url;
    const run = (kill: number | null) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          [BIN, 'ship', '--repo', repo, '--loop', 'demo', '--nats', url, '--fleet', at.fleet],
          { stdio: 'ignore' },
        );
        const timer = kill === null ? null : setTimeout(() => child.kill('SIGKILL'), kill);
        child.once('exit', (code) => {
          if (timer !== null) clearTimeout(timer);
          resolve(code);
        });
      });
    await run(ms);
    expect(await run(null)).toBe(0);
    expect(await messagesOf(nats.conn, at)).toBe(LINES);
    expect(await foldFromStream(nats.conn, at, { fetchSize: 1000, save: false })).toEqual(
      await foldFromFile(file),
    );
  });
});
