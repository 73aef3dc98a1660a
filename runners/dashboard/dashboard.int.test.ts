// The dashboard's JSON API over real HTTP on 127.0.0.1 (port 0), on copies of the fixture trees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, get, start, type Started } from './test-kit.js';

let running: Started | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const open = async (fixture: string, args: readonly string[] = []) => {
  const repo = copyFixture(fixture);
  running = await start(repo, { args });
  return { repo, s: running };
};

interface Row {
  loopId: string;
  level: string;
  health: { status: string | null; reasonCodes: string[] };
  problems: { file: string; kind: string; line?: number; byteOffset?: number; reason?: string }[];
  enabled: boolean | null;
  lastEvent: { at: string | null };
  eventLines: number | null;
  escalations: { open: number };
}

const rows = async (s: Started, query = ''): Promise<Row[]> =>
  (await get(s, `/api/loops${query}`)).json['rows'] as Row[];

const healthOf = (repo: string, loop: string) =>
  JSON.parse(readFileSync(join(repo, '.superloop', 'ops-manager', loop, 'health.json'), 'utf8')) as {
    status: string;
    reasonCodes: string[];
    reasons: { code: string; severity: string; metric: string; observed: string; threshold: string }[];
  };

const fileLines = (file: string): string[] => readFileSync(file, 'utf8').split('\n').slice(0, -1);

describe('given the three-loops fixture', () => {
  it('lists one row per loop with the health each health.json records, unhealthy first', async () => {
    const { repo, s } = await open('dashboard/three-loops');
    const got = await rows(s);
    expect(got.map((r) => r.loopId).sort()).toEqual(['critical-loop', 'degraded-loop', 'healthy-loop']);
    for (const r of got) {
      expect(r.health.status).toBe(healthOf(repo, r.loopId).status);
      expect(r.health.reasonCodes).toEqual(healthOf(repo, r.loopId).reasonCodes);
    }
    const rank = { critical: 0, degraded: 1, unknown: 2, healthy: 3 } as Record<string, number>;
    const ranks = got.map((r) => rank[r.level] ?? 9);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('sorts by the column asked for', async () => {
    const { s } = await open('dashboard/three-loops');
    const asc = (await rows(s, '?sort=loop&dir=asc')).map((r) => r.loopId);
    expect(asc).toEqual([...asc].sort());
    const desc = (await rows(s, '?sort=loop&dir=desc')).map((r) => r.loopId);
    expect(desc).toEqual([...asc].reverse());
  });

  it('explains a critical loop with each reason, its metric, the observed value and the threshold', async () => {
    const { repo, s } = await open('dashboard/three-loops');
    const d = (await get(s, '/api/loops/critical-loop')).json as {
      health: { reasons: unknown[]; thresholds: { metric: string; degraded: number; critical: number }[] };
      escalations: { open: { category: string }[] };
    };
    const h = healthOf(repo, 'critical-loop');
    expect(d.health.reasons).toEqual(
      expect.arrayContaining(
        h.reasons.map((r) => ({
          code: r.code,
          severity: r.severity,
          metric: r.metric,
          observed: r.observed,
          threshold: r.threshold,
        })),
      ),
    );
    expect(d.health.reasons).toHaveLength(h.reasons.length);
    expect(d.health.thresholds.find((t) => t.metric === 'ingestLagSeconds')).toMatchObject({
      degraded: 300,
      critical: 900,
    });
    expect(d.escalations.open.length).toBeGreaterThan(0);
  });

  it('pages the timeline newest first, numbering lines as the file does, every line exactly once', async () => {
    const { repo, s } = await open('dashboard/three-loops');
    const file = join(repo, '.superloop', 'loops', 'healthy-loop', 'events.jsonl');
    const lines = fileLines(file);
    const seen: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 100; pages += 1) {
      const q: string = before === null ? '' : `&before=${before}`;
      const page = (await get(s, `/api/loops/healthy-loop/events?limit=7${q}`)).json as {
        items: { line: number; timestamp: string }[];
        nextBefore: number | null;
      };
      for (const it of page.items) {
        seen.push(it.line);
        expect(it.timestamp).toBe(
          (JSON.parse(lines[it.line - 1] as string) as { timestamp: string }).timestamp,
        );
      }
      before = page.nextBefore;
      if (before === null) break;
    }
    expect(seen).toEqual(lines.map((_, i) => lines.length - i));
  });

  it('refuses a `before` that is not a line start, a bad limit, and an unknown loop', async () => {
    const { s } = await open('dashboard/three-loops');
    expect((await get(s, '/api/loops/healthy-loop/events?before=5')).status).toBe(400);
    expect((await get(s, '/api/loops/healthy-loop/events?limit=0')).status).toBe(400);
    expect((await get(s, '/api/loops/healthy-loop/events?before=99999999')).status).toBe(400);
    const missing = await get(s, '/api/loops/nope');
    expect(missing.status).toBe(404);
    expect(missing.json['loops']).toEqual(expect.arrayContaining(['healthy-loop']));
  });

  it('never serves outside its assets or a loop id with a path in it', async () => {
    const { s } = await open('dashboard/three-loops');
    expect((await fetch(new URL('/assets/..%2F..%2Fpackage.json', s.url))).status).toBe(404);
    expect((await get(s, '/api/loops/..%2F..%2Fetc/events')).status).toBe(404);
    expect((await get(s, '/api/loops/a%2Fb')).status).toBe(404);
  });

  it('answers only requests addressed to a loopback name (DNS rebinding)', async () => {
    const { s } = await open('dashboard/three-loops');
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('/api/loops', s.url),
        { headers: { Host: 'attacker.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the page and its modules with a content security policy', async () => {
    const { s } = await open('dashboard/three-loops');
    const page = await fetch(s.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/assets/app.js');
    const js = await fetch(new URL('/assets/app.js', s.url));
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });
});

describe('given broken artifacts', () => {
  it('names the corrupt health.json with file:line:byte and shows the loop as unknown', async () => {
    const { repo, s } = await open('dashboard/broken');
    const row = (await rows(s)).find((r) => r.loopId === 'corrupt-health') as Row;
    const text = readFileSync(join(repo, '.superloop/ops-manager/corrupt-health/health.json'), 'utf8');
    // The fixture's array is not closed on line 4, so the first bad byte is the ':' after "reasons" on line 5.
    const colon = text.indexOf(':', text.indexOf('"reasons"'));
    expect(row.level).toBe('unknown');
    expect(row.problems).toContainEqual(
      expect.objectContaining({
        file: '.superloop/ops-manager/corrupt-health/health.json',
        kind: 'corrupt',
        line: 5,
        byteOffset: Buffer.byteLength(text.slice(0, colon)),
      }),
    );
  });

  it('shows a corrupt event line in the timeline at its line and byte, and the torn tail apart', async () => {
    const { repo, s } = await open('dashboard/broken');
    const file = join(repo, '.superloop/loops/corrupt-events/events.jsonl');
    const lines = fileLines(file);
    const page = (await get(s, '/api/loops/corrupt-events/events')).json as {
      items: { kind: string; line: number; byteOffset: number }[];
      tornTail: { bytes: number } | null;
    };
    const bad = page.items.find((i) => i.kind === 'corrupt');
    expect(bad).toMatchObject({ line: 3, byteOffset: Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`) });
    expect(page.items.map((i) => i.line)).toEqual([4, 3, 2, 1]);
    expect(page.tornTail?.bytes).toBeGreaterThan(0);
    const row = (await rows(s)).find((r) => r.loopId === 'corrupt-events') as Row;
    expect(row.problems).toContainEqual(
      expect.objectContaining({
        file: '.superloop/loops/corrupt-events/events.jsonl',
        kind: 'corrupt',
        line: 3,
      }),
    );
  });

  it('shows an empty events log and a loop without one as clear states', async () => {
    const { s } = await open('dashboard/broken');
    const all = await rows(s);
    const empty = all.find((r) => r.loopId === 'empty-events') as Row;
    const none = all.find((r) => r.loopId === 'no-events') as Row;
    expect(empty.problems).toContainEqual(expect.objectContaining({ kind: 'empty' }));
    expect(none.problems).toContainEqual(
      expect.objectContaining({ file: '.superloop/loops/no-events/events.jsonl', kind: 'missing' }),
    );
    const page = await get(s, '/api/loops/no-events/events');
    expect(page.status).toBe(200);
    expect(page.json['kind']).toBe('missing');
  });

  it('answers an empty repo with no rows, not an error', async () => {
    const { s } = await open('dashboard/empty');
    const got = await get(s, '/api/loops');
    expect(got.status).toBe(200);
    expect(got.json['rows']).toEqual([]);
  });
});

describe('given a fleet registry', () => {
  it('lists the registry loops only, with enabled and missing artifacts shown', async () => {
    const { s } = await open('dashboard/registry');
    const got = await get(s, '/api/loops?sort=loop&dir=asc');
    expect(got.json['source']).toBe('registry');
    const list = got.json['rows'] as Row[];
    expect(list.map((r) => r.loopId)).toEqual(['alpha', 'beta']);
    expect(list[1]?.enabled).toBe(false);
    expect(list[1]?.problems).toContainEqual(expect.objectContaining({ kind: 'missing' }));
  });
});
