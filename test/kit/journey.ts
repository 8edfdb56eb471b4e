// One way to run a browser journey: the app on a fresh database listening on 127.0.0.1, Debian's Chromium driven by
// playwright-core, pages sized like the person's screen, and a login that goes through the real login form. A journey
// only follows what the server returns (links it renders, forms it renders): never a prepared POST body.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { build, type BuildOptions, type Built, type Teardown } from './app.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Journey extends Built {
  base: string;
  browser: Browser;
}

/** The address an app listening on 127.0.0.1 answers on. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The app (fixtures prepared by `prepare`) listening, and a browser; both closed when the test ends. */
export async function startJourney(t: Teardown, prepare?: BuildOptions['seed'], config: BuildOptions['config'] = {}, from?: string): Promise<Journey> {
  const built = await build(t, { seed: prepare, config, from });
  const base = await listen(built.app);
  const browser = await launchChromium();
  t.teardown(() => browser.close());
  return { ...built, base, browser };
}

export type Screen = 'phone' | 'desktop';

/** A browser context the size of a grid worker's phone (360 × 740, touch) or a township clerk's PC. */
export function screen(browser: Browser, kind: Screen, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  if (kind === 'phone') {
    return browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, locale: 'zh-CN', acceptDownloads: true });
  }
  return browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
}

/** Signs in through the login form the server renders; fails the journey when the login did not take. */
export async function logIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
  if (new URL(page.url()).pathname === '/login') throw new Error(`login as ${username} failed: ${await page.locator('body').innerText()}`);
}

/** Submits the form a click on `selector` sends and waits for the page the server returns. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** A full-page screenshot for people to look at (test-output/screenshots/journeys/NAME.png). */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = join('test-output', 'screenshots', 'journeys');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
