/** `robots.txt`: allow everything and point at the sitemap (absolute when SITE_URL is set). */
import type { APIRoute } from 'astro';
import { withBase } from '../components/site/nav';

export const GET: APIRoute = ({ site }) => {
  const sitemap = withBase('sitemap.xml');
  return new Response(`User-agent: *\nAllow: /\nSitemap: ${site ? new URL(sitemap, site).href : sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain' },
  });
};
