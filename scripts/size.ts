// `npm run size`: lines per folder of lib/ and runners/ and the runner-size targets of issue 14, as a
// table. A MISS does not fail the script: it is a measurement while code is still moving. Test files
// (*.test.ts) are not counted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { formatSize, sizeReport } from './size-report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const paths = (
  await fg(['lib/**/*.ts', 'runners/**/*.ts'], { cwd: ROOT, ignore: ['**/*.test.ts', '**/node_modules/**'] })
).sort();
const files = paths.map((path) => ({ path, lines: lineCount(readFileSync(`${ROOT}${path}`, 'utf8')) }));
process.stdout.write(formatSize(sizeReport(files)));
