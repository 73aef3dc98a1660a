// A describe block's browser for the dashboard's end-to-end tests: launched once for the block, a
// dashboard served per test and stopped after it, and any error thrown in a page failing its test.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launch, type Context, type Page } from './browser-kit.js';
import { start, type StartOptions, type Started } from './test-kit.js';

/** A describe block's browser (launched once for it) and the dashboard each test serves. */
export interface BrowserSuite {
  /** Serves `repo` for the current test (see test-kit's start); it is stopped after the test. */
  start(repo: string, o?: StartOptions): Promise<Started>;
  /** Opens `hash` of the served dashboard in a new page; an error thrown in the page fails the test. */
  openPage(s: Started, hash?: string): Promise<Page>;
}

/** Registers the block's hooks: launch and close the browser, stop each test's dashboard after it. */
export const useBrowser = (): BrowserSuite => {
  let browser: Context;
  let running: Started | null = null;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await running?.stop();
    running = null;
    expect(errors.splice(0)).toEqual([]);
  });

  return {
    start: async (repo, o) => (running = await start(repo, o)),
    openPage: async (s, hash = '#/') => {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${s.url}${hash}`);
      return page;
    },
  };
};
