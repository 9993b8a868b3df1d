/**
 * A tiny static server for the built site (dist/), for the browser tests and `npm run bench`. It listens on
 * 127.0.0.1, port 0 (the OS picks a free port), serves `dir/` and `dir/index.html` for directory URLs, and answers
 * unknown paths with dist/404.html and status 404, like GitHub Pages. No compression: callers measure bytes
 * themselves.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.sh': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/vnd.microsoft.icon',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` plus the base path, ending in `/`. */
  readonly url: string;
  close(): Promise<void>;
}

async function file(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return file(join(path, 'index.html'));
  } catch {
    // not there
  }
  return undefined;
}

/** Serves `root` under `base` (e.g. `/` or `/cilium-guide/`). */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const inside = path.startsWith(base) ? path.slice(base.length) : undefined;
    const target = inside === undefined ? undefined : normalize(join(root, inside));
    const found =
      target?.startsWith(normalize(root + sep)) || target === normalize(root) ? await file(target) : undefined;
    const body = await readFile(found ?? join(root, '404.html')).catch(() => Buffer.from('not found'));
    const type = TYPES[found ? extname(found) : '.html'] ?? 'application/octet-stream';
    res.writeHead(found ? 200 : 404, { 'Content-Type': type });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
