#!/usr/bin/env node
/**
 * Makes the site's icons and its link preview card in public/ from public/favicon.svg (the one drawn source) and
 * the site title (src/i18n/ko.ts), rendered by Debian's Chromium (playwright-core, /usr/bin/chromium, fonts-noto-cjk):
 *   favicon.ico            16, 32 and 48 px PNGs in one ICO (for clients that ask for /favicon.ico)
 *   apple-touch-icon.png   180 px, opaque (iOS fills transparency with black)
 *   og.png                 1200×630 Open Graph / Twitter card with the Korean title
 * The outputs are committed; run `node scripts/make-icons.mjs` after changing the SVG or the title.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const pub = join(root, 'public');
const svg = readFileSync(join(pub, 'favicon.svg'), 'utf8');
const svgUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const { t } = await tsImport('../src/i18n/ko.ts', import.meta.url);

/**
 * An ICO file holding PNG images (Windows Vista+ and every browser read PNG entries): a 6-byte header, a 16-byte
 * directory entry per image, then the PNGs. Sizes of 256 and more are written as 0.
 */
function ico(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // palette colours
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

const card = `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; }
  body {
    box-sizing: border-box; padding: 88px 96px; display: flex; flex-direction: column; justify-content: space-between;
    background: #0d1117; border-left: 16px solid #0969da; color: #f0f6fc;
    font-family: 'Noto Sans CJK KR', sans-serif; word-break: keep-all;
  }
  .brand { display: flex; align-items: center; gap: 28px; font-size: 34px; color: #9ecbff; }
  .brand img { width: 88px; height: 88px; }
  h1 { margin: 0; font-size: 92px; line-height: 1.15; font-weight: 700; letter-spacing: -1px; }
  .tagline { margin-top: 24px; font-size: 40px; color: #c9d1d9; }
  code { font-family: 'DejaVu Sans Mono', monospace; font-size: 30px; color: #79c0ff; }
</style></head><body>
  <div class="brand"><img src="${svgUrl}" alt=""><span>${t('site.tagline')}</span></div>
  <div><h1>${t('site.title')}</h1><div class="tagline">kube-proxy 대체 · 네트워크 정책 · Hubble · 암호화</div></div>
  <code>$ npx -p cilium-runbook runbook list</code>
</body></html>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  /** The SVG at `size` px on a `background` (transparent when none). */
  const icon = async (size, background, inset = 0) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<body style="margin:0;background:${background ?? 'transparent'}"><img src="${svgUrl}" ` +
        `style="display:block;box-sizing:border-box;padding:${inset}px;width:${size}px;height:${size}px"></body>`,
    );
    return page.screenshot({ omitBackground: !background, type: 'png' });
  };
  const sizes = [16, 32, 48];
  const pngs = [];
  for (const size of sizes) pngs.push({ size, data: await icon(size) });
  writeFileSync(join(pub, 'favicon.ico'), ico(pngs));
  writeFileSync(join(pub, 'apple-touch-icon.png'), await icon(180, '#ffffff', 18));

  await page.setViewportSize({ width: 1200, height: 630 });
  await page.setContent(card);
  await page.evaluate(() => document.fonts.ready);
  writeFileSync(join(pub, 'og.png'), await page.screenshot({ type: 'png' }));
} finally {
  await browser.close();
}
console.log('public/: favicon.ico (16, 32, 48 px), apple-touch-icon.png (180 px), og.png (1200×630)');
