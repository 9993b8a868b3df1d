/**
 * `sitemap.xml`: every guide page, in sidebar order. Sitemaps need absolute URLs, so they come from SITE_URL
 * (astro.config.mjs `site`); without it the URLs are root-relative, which is fine for a local build and what the
 * file's comment says to fix before publishing.
 */
import type { APIRoute } from 'astro';
import { pageHref, sortedDocs } from '../components/site/nav';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export const GET: APIRoute = async ({ site }) => {
  const urls = (await sortedDocs()).map((entry) => {
    const href = pageHref(entry.id);
    return `  <url><loc>${escapeXml(site ? new URL(href, site).href : href)}</loc></url>`;
  });
  const note = site ? '' : '<!-- Set SITE_URL when building to get absolute URLs (docs/publishing.md). -->\n';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${note}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml' } });
};
