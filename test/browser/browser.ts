/**
 * Shared setup for the browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), the
 * built site (dist/, from `npm run build`) served on 127.0.0.1 at a free port, and a record of console errors.
 */
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { DIST } from '../helpers/dist-html.js';
import { type StaticServer, serveStatic } from '../helpers/static-server.js';

export const CHROMIUM = '/usr/bin/chromium';
/** The machine has no network: without the background-networking flags Chromium floods refused connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Site {
  readonly browser: Browser;
  readonly server: StaticServer;
  /** Absolute URL of a site path such as `/rollback/`. */
  url(path: string): string;
  close(): Promise<void>;
}

/** The paths of every built page, e.g. `/`, `/rollback/`, `/404.html`. */
export function builtPaths(): string[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => `/${relative(DIST, e.parentPath)}/${e.name}`.replace(/\/+/g, '/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

export async function openSite(): Promise<Site> {
  builtPaths(); // fails early, with the fix, when there is no build
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (.ci/run does).`);
  const [browser, server] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    serveStatic(DIST),
  ]);
  return {
    browser,
    server,
    url: (path) => new URL(path.replace(/^\//, ''), server.url).href,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A new page in a fresh context (empty storage), with its console errors and uncaught exceptions collected. */
export async function freshPage(
  site: Site,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await site.browser.newContext({ locale: 'ko-KR', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, errors };
}
