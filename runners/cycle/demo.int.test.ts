// The demo block: given the shipped fixtures, when cycleDemo runs, then it shows one processed MOCK_ONLY
// ticket, one allowlist refusal and one REAL run, and never writes the fixtures themselves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cycleDemo } from './demo.js';

let work = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-cycle-demo-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const fixtureLog = fileURLToPath(
  new URL('../../fixtures/cycle/roots/real-window/state/tickets/ticket_results.jsonl', import.meta.url),
);

describe('the cycle demo', () => {
  it('runs three cycles and the history on copies of the fixtures', async () => {
    const before = readFileSync(fixtureLog, 'utf8');
    const text = await cycleDemo({ cwd: work, env: { PATH: process.env['PATH'] }, now: () => 0 }, work);
    const rows = text.split('\n').filter((l) => /^ {2}(mock-queue|real-window) /.test(l));
    expect(rows.map((r) => r.split(/\s+/).slice(1, 5))).toEqual([
      ['mock-queue', 'DONE', 'PROCESSED', 'TICKET_PROCESSED_OK'],
      ['real-window', 'DONE_WITH_SKIPS', 'SKIPPED', 'ALLOWLIST_VIOLATION'],
      ['real-window', 'DONE', 'PROCESSED', 'TICKET_PROCESSED_OK'],
    ]);
    expect(text).toContain('2026-03-02  2       1          0     1');
    expect(readFileSync(fixtureLog, 'utf8')).toBe(before);
  });
});
