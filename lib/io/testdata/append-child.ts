// A child process for append.int.test.ts: appends `count` records, one appendJsonl call (one lock
// acquisition) each, so several of these running at once contend for the log's lock.
// Usage: node --import tsx append-child.ts <file> <writer> <count>
import { appendJsonl } from '../append.js';

const [file, writer, count] = process.argv.slice(2);
if (file === undefined || writer === undefined || count === undefined) {
  process.stderr.write('usage: append-child.ts <file> <writer> <count>\n');
  process.exit(64);
}
const pad = 'x'.repeat(2048 + Number(writer.replace(/\D/g, '') || 0));
for (let seq = 0; seq < Number(count); seq += 1) {
  await appendJsonl(file, [{ writer, seq, pad }], { waitMs: 120_000 });
}
