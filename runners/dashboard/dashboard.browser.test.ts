// The dashboard as an operator uses it, in headless Chromium: open the overview, sort it, find out
// why a loop is critical, watch an appended event arrive without reloading, see a corrupt artifact
// named with file:line, and use the control buttons (absent without a token, working with it).
// Skipped, with a note, where Chromium or playwright-core is not installed.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, screenshot, WAIT_MS, type Page } from './browser-kit.js';
import { useBrowser } from './browser-suite.test-kit.js';
import { runCaptured } from '../cli/capture.js';
import { AS_OF, copyFixture } from './test-kit.js';

if (browserSkipReason !== null) console.log(`note: dashboard browser tests skipped: ${browserSkipReason}`);

const TOKEN = 'browser-test-token';
const { commands } = await import('../commands.js');
const hasQueue = commands.some((c) => c.path.join(' ') === 'queue status');
const hasPromotion = commands.some((c) => c.path.join(' ') === 'fleet promotion-gates');

describe.skipIf(browserSkipReason !== null)('the dashboard in a browser', () => {
  const web = useBrowser();

  const loopIds = (page: Page) => page.locator('table.loops tbody tr').allTextContents();
  const rowIds = async (page: Page) =>
    Promise.all(
      (await page.locator('table.loops tbody tr').allTextContents()).map((_, i) =>
        page.locator(`table.loops tbody tr:nth-child(${i + 1})`).getAttribute('data-loop-id'),
      ),
    );

  it('opens on the overview with the unhealthy loops first, and sorts by a column', async () => {
    const running = await web.start(copyFixture('dashboard/three-loops', 'three-loops'));
    const page = await web.openPage(running);
    await page.locator('table.loops tbody tr').first().waitFor({ timeout: WAIT_MS });
    expect(await rowIds(page)).toEqual(['critical-loop', 'degraded-loop', 'healthy-loop']);
    await page.locator('#live[data-state="live"]').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'overview.png');
    await page.locator('th button[data-sort="loop"]').click();
    await page.locator('th[aria-sort="descending"] button[data-sort="loop"]').waitFor({ timeout: WAIT_MS });
    const sorted = await rowIds(page);
    expect(sorted).toEqual([...sorted].sort().reverse());
    await page.locator('th button[data-sort="loop"]').click();
    await page.locator('th[aria-sort="ascending"] button[data-sort="loop"]').waitFor({ timeout: WAIT_MS });
    expect(await rowIds(page)).toEqual(['critical-loop', 'degraded-loop', 'healthy-loop']);
    expect((await loopIds(page)).length).toBe(3);
  });

  it('shows why a loop is critical one click from the overview: reason codes with thresholds', async () => {
    const running = await web.start(copyFixture('dashboard/three-loops', 'three-loops'));
    const page = await web.openPage(running);
    await page.locator('tr[data-loop-id="critical-loop"]').click();
    const why = page.locator('[data-section="why"]');
    await why.waitFor({ timeout: WAIT_MS });
    expect(await why.locator('h2').textContent()).toBe('Why it is critical');
    const ingest = await why.locator('tr[data-code="ingest_stale"]').textContent();
    expect(ingest).toContain('critical');
    expect(ingest).toContain('ingestLagSeconds');
    expect(ingest).toContain('900');
    await page.locator('table.timeline tbody tr').first().waitFor({ timeout: WAIT_MS });
    await page.locator('[data-chart="ingest-lag"] svg').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'loop-detail-critical.png');
  });

  it('shows an appended event live, on the overview and in the open timeline', async () => {
    const repo = copyFixture('dashboard/three-loops');
    const running = await web.start(repo);
    const page = await web.openPage(running, '#/loop/healthy-loop');
    await page.locator('table.timeline tbody tr').first().waitFor({ timeout: WAIT_MS });
    await page.locator('#live[data-state="live"]').waitFor({ timeout: WAIT_MS });
    const line = {
      timestamp: '2026-02-22T12:00:30Z',
      event: 'live_probe',
      loop_id: 'healthy-loop',
      data: {},
    };
    appendFileSync(join(repo, '.superloop/loops/healthy-loop/events.jsonl'), `${JSON.stringify(line)}\n`);
    running.tick();
    await page
      .locator('table.timeline tbody tr:first-child code:text("live_probe")')
      .waitFor({ timeout: WAIT_MS });
    await page.locator('a.back').click();
    await page.locator('tr[data-loop-id="healthy-loop"]').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('tr[data-loop-id="healthy-loop"]').textContent()).toContain('live_probe');
    const second = { ...line, timestamp: '2026-02-22T12:00:45Z', event: 'live_probe_two' };
    appendFileSync(join(repo, '.superloop/loops/healthy-loop/events.jsonl'), `${JSON.stringify(second)}\n`);
    running.tick();
    await page
      .locator('tr[data-loop-id="healthy-loop"] small:text("live_probe_two")')
      .waitFor({ timeout: WAIT_MS });
  });

  it('names corrupt artifacts with file:line and shows the corrupt event line in the timeline', async () => {
    const running = await web.start(copyFixture('dashboard/broken', 'broken'));
    const page = await web.openPage(running);
    const health = page.locator('tr[data-loop-id="corrupt-health"] .problems li[data-kind="corrupt"]');
    await health.waitFor({ timeout: WAIT_MS });
    expect(await health.textContent()).toContain('.superloop/ops-manager/corrupt-health/health.json:5:');
    expect(await page.locator('tr[data-loop-id="no-events"] .problems').textContent()).toContain(
      'is missing',
    );
    await screenshot(page, 'corrupt-artifacts.png');
    await page.locator('tr[data-loop-id="corrupt-events"]').click();
    const bad = page.locator('table.timeline tr.corrupt');
    await bad.waitFor({ timeout: WAIT_MS });
    expect(await bad.textContent()).toContain('.superloop/loops/corrupt-events/events.jsonl:3:');
    expect(await page.locator('[data-section="problems"]').textContent()).toContain('events.jsonl:3:');
  });

  it('has no control buttons when started without a token', async () => {
    const running = await web.start(copyFixture('loop-control/running'));
    const page = await web.openPage(running, '#/loop/running');
    await page.locator('[data-control="off"]').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('button[data-intent]').count()).toBe(0);
    expect(await page.locator('#token-bar').getAttribute('hidden')).not.toBeNull();
  });

  it.skipIf(!hasQueue)('shows the queue view from the nav when the repo has a queue', async () => {
    const running = await web.start(copyFixture('queue/mixed', 'queue'));
    const page = await web.openPage(running);
    await page.locator('#nav a:text("Queue")').click();
    const status = page.locator('section[data-section="Status"] pre');
    await status.waitFor({ timeout: WAIT_MS });
    expect(await status.textContent()).toMatch(/^summary PENDING=/);
    await screenshot(page, 'queue-view.png');
  });

  it.skipIf(!hasPromotion)('shows the five promotion gates with pass/fail and reason codes', async () => {
    const repo = copyFixture('fleet-promotion/hold-drill-stale', 'promotion');
    await runCaptured(commands, ['fleet', 'promotion-gates', '--repo', repo, '--as-of', AS_OF], {
      cwd: repo,
      env: {},
      now: () => Date.parse(AS_OF),
    });
    const running = await web.start(repo);
    const page = await web.openPage(running);
    await page.locator('#nav a:text("Promotion gates")').click();
    const gates = page.locator('table.rows tbody tr');
    await gates.first().waitFor({ timeout: WAIT_MS });
    expect(await gates.count()).toBe(5);
    expect((await gates.allTextContents()).join('\n')).toMatch(/fail/);
    await screenshot(page, 'promotion-view.png');
  });

  it('cancels a running loop with the token, and the outcome shows on the page', async () => {
    const args = ['--control-token-env', 'DASH_TOKEN', '--control-timeout-seconds', '0'];
    const running = await web.start(copyFixture('loop-control/running', 'running'), {
      args,
      env: { DASH_TOKEN: TOKEN },
    });
    const page = await web.openPage(running, '#/loop/running');
    const cancel = page.locator('button[data-intent="cancel"]');
    await cancel.waitFor({ timeout: WAIT_MS });
    await cancel.click();
    await cancel.click();
    await page.locator('.control-result:text("Enter the control token")').waitFor({ timeout: WAIT_MS });
    await page.locator('#token').fill('wrong-token');
    await page.locator('#token-save').click();
    await cancel.click();
    await cancel.click();
    await page.locator('.control-result:text("rejected")').waitFor({ timeout: WAIT_MS });
    await page.locator('#token').fill(TOKEN);
    await page.locator('#token-save').click();
    await cancel.click();
    await cancel.click();
    await page.locator('.control-result[data-status="confirmed"]').waitFor({ timeout: WAIT_MS });
    await page.locator('table.intents tr[data-status="confirmed"]').waitFor({ timeout: WAIT_MS });
    await screenshot(page, 'control.png');
  });
});
