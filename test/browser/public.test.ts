/**
 * The site's own files in public/: every page loads in Chromium without a single 4xx/5xx response, its icons (and the
 * /favicon.ico every browser asks for) resolve to images, and its og:image is the 1200×630 title card. Icons and the
 * card are never preloaded, so they are no first-load bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPaths, freshPage, openSite, type Site } from './browser.js';

const paths = builtPaths();

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(body: Buffer): { width: number; height: number } {
  expect(body.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

describe('public/', () => {
  it.each(paths)('%s: no failed request, icons and og:image resolve', async (path) => {
    const { page } = await freshPage(site);
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (r) => failed.push(`${r.failure()?.errorText} ${r.url()}`));
    const response = await page.goto(site.url(path), { waitUntil: 'networkidle' });
    // The 404 page is served as such by a host; here it is requested by its file name.
    expect(response?.status()).toBe(200);

    const head = await page.evaluate(() => ({
      icons: [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"], link[rel="apple-touch-icon"]')].map(
        (l) => l.href,
      ),
      preloads: [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"], link[rel="modulepreload"]')].map(
        (l) => l.href,
      ),
      ogImage: document.querySelector('meta[property="og:image"]')?.getAttribute('content') ?? '',
      twitterCard: document.querySelector('meta[name="twitter:card"]')?.getAttribute('content'),
    }));
    expect(head.icons.sort()).toEqual(['apple-touch-icon.png', 'favicon.ico', 'favicon.svg'].map((f) => site.url(f)));
    expect(head.twitterCard).toBe('summary_large_image');
    const ogImage = new URL(head.ogImage, page.url()).href;
    for (const url of [...head.icons, ogImage, site.url('/favicon.ico')]) {
      const r = await page.request.get(url);
      expect(r.status(), url).toBe(200);
      expect(r.headers()['content-type'], url).toMatch(/^image\//);
    }
    expect(pngSize(await (await page.request.get(ogImage)).body())).toEqual({ width: 1200, height: 630 });
    expect(head.preloads.filter((u) => /\.(png|ico|svg)$/.test(u))).toEqual([]);
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it('favicon.ico holds PNG icons of 16, 32 and 48 px; the touch icon is 180 px and opaque', async () => {
    const { page } = await freshPage(site);
    const ico = await (await page.request.get(site.url('/favicon.ico'))).body();
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const entry = 6 + 16 * i;
      const image = ico.subarray(
        ico.readUInt32LE(entry + 12),
        ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8),
      );
      const { width, height } = pngSize(image);
      expect(height).toBe(width);
      expect(ico.readUInt8(entry)).toBe(width);
      return width;
    });
    expect(sizes).toEqual([16, 32, 48]);
    const touch = await (await page.request.get(site.url('/apple-touch-icon.png'))).body();
    expect(pngSize(touch)).toEqual({ width: 180, height: 180 });
    // Colour type 2 (RGB, no alpha): iOS would show transparent pixels as black.
    expect(touch.readUInt8(25)).toBe(2);
    await page.context().close();
  });
});
