// Runs one hostile case in a fresh process and prints its figures as JSON, so the peak RSS is the
// parser's own and not the harness's. `build` writes the input in a separate process first.
// Usage: node --import tsx hostile-child.ts build|run|idle <case> <dir> <mib>
import { hostileCase } from './hostile-cases.js';

const [mode = '', name = '', dir = '', mib = '1'] = process.argv.slice(2);

const main = async (): Promise<void> => {
  if (mode === 'idle') {
    process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
    return;
  }
  const c = hostileCase(name);
  if (c === undefined) throw new Error(`unknown hostile case: ${name}`);
  if (mode === 'build') return c.build(dir, Number(mib));
  const started = performance.now();
  const result = await c.run(dir);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ result, seconds, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
};

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
