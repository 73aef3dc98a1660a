// The hostile-input lane, items 6 to 10 (hostile-items.ts has 1 to 5 and the shape of a case).
import fs from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { startJsonServer } from '../../lib/io/http-server.js';
import { fixture } from './command-lane.js';
import {
  expectThat,
  loopCmd,
  loopFile,
  mgrFile,
  opsfold,
  repoIn,
  type HostileItem,
} from './hostile-items.js';

const event = (timestamp: string, extra = ''): string =>
  `{"timestamp":"${timestamp}","event":"iteration_start","loop_id":"running","run_id":"r","iteration":9${extra}}\n`;

/** health.json after one reconcile over events ending with `lastLine`. */
const healthAfter = async (dir: string, lastLine: string): Promise<unknown> => {
  const repo = repoIn(dir);
  fs.appendFileSync(loopFile(repo, 'events.jsonl'), lastLine);
  await loopCmd(dir, repo, 'loop', 'reconcile');
  return JSON.parse(fs.readFileSync(mgrFile(repo, 'health.json'), 'utf8'));
};

const timestampCase =
  (stamp: string) =>
  async (dir: string): Promise<string | null> => {
    const h = (await healthAfter(dir, event(stamp))) as { status?: string; reasonCodes?: string[] };
    return expectThat(
      h.status !== 'healthy' && (h.reasonCodes ?? []).some((c) => /timestamp/i.test(c)),
      `an event timestamped ${stamp} degrades health with a reason code: ${JSON.stringify(h)}`,
    );
  };

/** A strict snapshot over events whose last line is `bytes` fails, naming line and byte offset. */
const strictRefuses =
  (bytes: Buffer, what: string) =>
  async (dir: string): Promise<string | null> => {
    const repo = repoIn(dir);
    fs.appendFileSync(loopFile(repo, 'events.jsonl'), bytes);
    const r = await loopCmd(dir, repo, 'loop', 'snapshot');
    return expectThat(r.code === 1 && /:\d+:\d+/.test(r.stderr), `${what} is a corrupt line, not a value`, r);
  };

const queueAuditOnRenameFailure = async (dir: string): Promise<string | null> => {
  fs.cpSync(fixture('queue/mixed'), dir, { recursive: true });
  const queue = join(dir, 'automation', 'orchestrator', 'QUEUE.md');
  const before = fs.readFileSync(queue, 'utf8');
  const rename = fs.promises.rename;
  fs.promises.rename = async (from, to) => {
    if (String(to) === queue) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    return rename(from, to);
  };
  try {
    await opsfold(dir, ['queue', 'replan', '--id', 'REL-102', '--notes', 'never-happened']);
  } finally {
    fs.promises.rename = rename;
  }
  const audit = join(dir, 'automation', 'orchestrator', 'logs', 'queue-audit.jsonl');
  // The change stands in the audit when its line is there and no rollback line undoes it after.
  const lines = fs.existsSync(audit) ? fs.readFileSync(audit, 'utf8').trim().split('\n') : [];
  const at = lines.findIndex((l) => l.includes('never-happened') && !l.includes('"command":"rollback"'));
  const logged = at >= 0 && !lines.slice(at + 1).some((l) => l.includes('"command":"rollback"'));
  const changed = fs.readFileSync(queue, 'utf8') !== before;
  return expectThat(
    logged === changed,
    `audit (${logged}) and QUEUE.md (${changed}) agree after a failed rename`,
  );
};

const credentialsInUrl = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  const env = { OPS_MANAGER_SERVICE_TOKEN: 'tok' };
  const argv = ['loop', 'control', '--repo', repo, '--loop', 'running', '--intent', 'cancel'];
  const url = ['--transport', 'sprite_service', '--service-base-url', 'http://opsuser:hunter2pw@127.0.0.1:9'];
  const r = await opsfold(
    dir,
    [...argv, ...url, '--retry-attempts', '1', '--as-of', '2026-02-22T12:00:00Z'],
    env,
  );
  const leaked = (r.stdout + r.stderr).includes('hunter2pw');
  const log = mgrFile(repo, join('telemetry', 'control-invocations.jsonl'));
  const logged = fs.existsSync(log) && fs.readFileSync(log, 'utf8').includes('hunter2pw');
  return expectThat(!leaked && !logged, 'URL credentials never reach stdout, stderr or the audit log', r);
};

const controlCharsOnStderr = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  fs.appendFileSync(loopFile(repo, 'events.jsonl'), '\u001b[2J\u001b]0;pwned\u0007{"event":\n');
  const r = await loopCmd(dir, repo, 'loop', 'snapshot');
  // eslint-disable-next-line no-control-regex
  const raw = /[\u0000-\u0008\u000b-\u001f\u007f]/;
  return expectThat(r.code === 1 && !raw.test(r.stderr), 'stderr escaped', r);
};

const cursorNull = async (dir: string): Promise<string | null> => {
  const repo = repoIn(dir);
  fs.writeFileSync(loopFile(repo, 'ops-manager.cursor.json'), 'null\n');
  const r = await loopCmd(dir, repo, 'loop', 'poll-events');
  return expectThat(r.code === 1 && /^error: /m.test(r.stderr), 'a null cursor fails closed', r);
};

// A cursor offset a double cannot hold exactly (Infinity, or rounded past 2^53) is not resumed from.
const cursorUnrepresentable =
  (offset: string) =>
  async (dir: string): Promise<string | null> => {
    const repo = repoIn(dir);
    const cursor = `{"eventByteOffset":${offset},"eventLineOffset":0}\n`;
    fs.writeFileSync(loopFile(repo, 'ops-manager.cursor.json'), cursor);
    const r = await loopCmd(dir, repo, 'loop', 'poll-events');
    return expectThat(
      r.code === 1 && /^error: /m.test(r.stderr),
      `a cursor offset ${offset} fails closed`,
      r,
    );
  };

const endlessChunkedBody = async (): Promise<string | null> => {
  const s = await startJsonServer(
    { host: '127.0.0.1', port: 0, onError: () => ({ status: 500, body: {} }) },
    async () => ({ status: 401, body: { error: 'unauthorized' } }),
  );
  const dropped = await new Promise<boolean>((done) => {
    const socket = net.connect(s.port, '127.0.0.1');
    const pump = setInterval(() => socket.destroyed || socket.write(`400\r\n${'x'.repeat(0x400)}\r\n`), 2);
    const end = (v: boolean) => {
      clearInterval(pump);
      socket.destroy();
      done(v);
    };
    socket.on('close', () => end(true));
    socket.on('error', () => end(true));
    setTimeout(() => end(false), 5000);
    socket.write('GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n');
  });
  await s.close();
  return expectThat(dropped, 'an unauthenticated GET with an endless chunked body is dropped');
};

// The 0xff sits inside a string, where a lenient decoder would turn it into U+FFFD and go on.
const [head = '', tail = ''] = event('2026-02-01T00:00:09Z').split('"run_id":"r');
const invalidUtf8 = Buffer.concat([
  Buffer.from(`${head}"run_id":"r`),
  Buffer.from([0xff]),
  Buffer.from(tail),
]);

export const moreHostileItems: readonly HostileItem[] = [
  { item: 6, name: 'an event timestamped "not-a-date"', run: timestampCase('not-a-date') },
  {
    item: 6,
    name: 'an event timestamped in 2099',

    run: timestampCase('2099-01-01T00:00:00Z'),
  },
  {
    item: 6,
    name: 'an event timestamped 2026-02-30',

    run: timestampCase('2026-02-30T00:00:00Z'),
  },
  {
    item: 7,
    name: 'queue audit after a rename failing with EIO',

    run: queueAuditOnRenameFailure,
  },
  { item: 8, name: 'credentials in --service-base-url', run: credentialsInUrl },
  { item: 8, name: 'control characters from a log line on stderr', run: controlCharsOnStderr },
  {
    item: 9,
    name: 'invalid UTF-8 in an event',

    run: strictRefuses(invalidUtf8, 'invalid UTF-8'),
  },
  { item: 9, name: 'a cursor offset of 1e400', run: cursorUnrepresentable('1e400') },
  { item: 9, name: 'a cursor offset past 2^53', run: cursorUnrepresentable('9007199254740993') },
  { item: 10, name: 'a cursor file holding null', run: cursorNull },
  { item: 10, name: 'an endless chunked body', run: endlessChunkedBody },
];
