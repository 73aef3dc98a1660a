// `npm run size`: lines per folder of lib/ and runners/ and the runner-size targets of issue 14, as a
// table. With `--check` (CI) a MISS fails the script, so the runners stay thin once they are. What is
// counted is what ships: the files tsconfig.build.json compiles (tests and test kits are not).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { formatSize, sizeReport } from './size-report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const buildExcludes = (): string[] =>
  (JSON.parse(readFileSync(`${ROOT}tsconfig.build.json`, 'utf8')) as { exclude: string[] }).exclude;
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const paths = (
  await fg(['lib/**/*.ts', 'runners/**/*.ts'], {
    cwd: ROOT,
    ignore: [...buildExcludes(), '**/node_modules/**'],
  })
).sort();
const files = paths.map((path) => ({ path, lines: lineCount(readFileSync(`${ROOT}${path}`, 'utf8')) }));
const report = sizeReport(files);
process.stdout.write(formatSize(report));
if (process.argv.includes('--check') && report.targets.some((t) => !t.pass)) process.exitCode = 1;
