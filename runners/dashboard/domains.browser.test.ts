// The harness and ops-cycle views, and where a loop's lifecycle came from, as an operator sees them in
// headless Chromium. Skipped, with a note, where Chromium or playwright-core is not installed.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, screenshot, WAIT_MS } from './browser-kit.js';
import { useBrowser } from './browser-suite.test-kit.js';
import { cycleRoot, harnessRoot } from './domain-test-kit.js';
import { copyFixture } from './test-kit.js';

if (browserSkipReason !== null) console.log(`note: dashboard browser tests skipped: ${browserSkipReason}`);

describe.skipIf(browserSkipReason !== null)('the other domains and the value sources in a browser', () => {
  const web = useBrowser();

  it('shows spawn state and liveness per task, and the watchdog stall, from the nav', async () => {
    const running = await web.start(await harnessRoot());
    const page = await web.openPage(running);
    await page.locator('#nav a:text("Harness tasks")').click();
    const tasks = page.locator('section[data-section="Tasks"] table.rows tbody tr');
    await tasks.first().waitFor({ timeout: WAIT_MS });
    expect(await tasks.count()).toBe(3);
    expect(await tasks.first().locator('td[data-col="spawn_state"]').textContent()).toBe('ARTIFACT_SEEN');
    const stalled = page.locator(
      'section[data-section="Watchdog"] td[data-col="status"]:text("silently_stalled")',
    );
    await stalled.waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'harness-view.png');
  });

  it('shows the newest ops cycles and the receipt of each ticket, from the nav', async () => {
    const running = await web.start(await cycleRoot());
    const page = await web.openPage(running);
    await page.locator('#nav a:text("Ops cycle")').click();
    const cycles = page.locator('section[data-section="Last cycles"] table.rows tbody tr');
    await cycles.first().waitFor({ timeout: WAIT_MS });
    expect(await cycles.count()).toBe(2);
    expect(await cycles.first().locator('td[data-col="file"]').textContent()).toBe(
      'ops_run_20260302_091000.json',
    );
    const ref = page.locator('section[data-section="Receipts"] td[data-col="receipt_ref"]').first();
    expect(await ref.textContent()).toMatch(/^state\/tickets\/ticket_receipts\.jsonl:line\d+$/);
    await screenshot(page, 'cycle-view.png');
  });

  it('says a lifecycle came from the folded events when the manager has no state.json', async () => {
    const repo = copyFixture('dashboard/three-loops');
    rmSync(join(repo, '.superloop/ops-manager/healthy-loop/state.json'));
    const running = await web.start(repo);
    const page = await web.openPage(running);
    const cell = page.locator('tr[data-loop-id="healthy-loop"] td[data-source="events"]');
    await cell.waitFor({ timeout: WAIT_MS });
    expect(await cell.textContent()).toMatch(/^running \(high\) · from events$/);
    await page.locator('tr[data-loop-id="healthy-loop"]').click();
    const sources = page.locator('p.sources[data-lifecycle-source="events"]');
    await sources.waitFor({ timeout: WAIT_MS });
    expect(await sources.textContent()).toContain('lifecycle from folded events');
    expect(await sources.textContent()).toContain('healthy-loop/state.json is missing');
  });
});
