// Driving Debian's Chromium with playwright-core for the dashboard's end-to-end tests. Both are
// optional: without /usr/bin/chromium or the playwright-core package the browser tests are skipped
// (and say so). The package is loaded by name at run time and typed here by the few calls we use.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../cli/package-root.js';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Generous: the machine may be busy; no test asserts how long anything took. */
export const WAIT_MS = 30_000;

export interface Locator {
  waitFor(o?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  count(): Promise<number>;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  getAttribute(name: string): Promise<string | null>;
  first(): Locator;
  locator(selector: string): Locator;
}

export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', fn: (e: Error) => void): void;
}

export interface Context {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

interface Playwright {
  chromium: {
    launchPersistentContext(
      dir: string,
      o: {
        executablePath: string;
        headless: boolean;
        args: string[];
        viewport: { width: number; height: number };
        timeout: number;
      },
    ): Promise<Context>;
  };
}

const load = async (): Promise<Playwright | null> => {
  const name = 'playwright-core';
  try {
    return (await import(name)) as Playwright;
  } catch {
    return null;
  }
};

const pw = existsSync(CHROMIUM) ? await load() : null;

/** Why the browser tests cannot run here, or null when they can. */
export const browserSkipReason: string | null = !existsSync(CHROMIUM)
  ? `${CHROMIUM} not found (apt-get install -y chromium)`
  : pw === null
    ? 'playwright-core is not installed (npm install --no-save playwright-core@1)'
    : null;

/** A fresh headless Chromium with its own profile directory. */
export const launch = async (): Promise<Context> => {
  if (pw === null) throw new Error(browserSkipReason ?? 'no browser');
  const profile = mkdtempSync(join(tmpdir(), 'opsfold-chromium-'));
  return pw.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    timeout: WAIT_MS * 2,
  });
};

/**
 * Where a screenshot goes: docs/screenshots/ (the README shows them) only when
 * OPSFOLD_REFRESH_SCREENSHOTS=1 asks to refresh them, else a temp folder, so a test run leaves the
 * work tree clean.
 */
export const screenshotPath = (name: string, env: NodeJS.ProcessEnv = process.env): string =>
  env['OPSFOLD_REFRESH_SCREENSHOTS'] === '1'
    ? join(packageRoot(), 'docs', 'screenshots', name)
    : join(tmpdir(), 'opsfold-screenshots', name);

/** Saves a screenshot (see screenshotPath) and resolves to its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  const path = screenshotPath(name);
  mkdirSync(dirname(path), { recursive: true });
  // The same picture every run: the live indicator settled, not caught mid-connect.
  await page.locator('#live[data-state="live"]').waitFor({ timeout: WAIT_MS });
  await page.screenshot({ path, fullPage: false });
  return path;
};
