/**
 * Reads the built site (dist/) the way a browser would see the text: parse5 is the HTML spec's parser, so entity
 * decoding and whitespace are exactly what the copy buttons and the page show.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DefaultTreeAdapterMap } from 'parse5';
import { parse } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface Page {
  readonly path: string;
  readonly document: DefaultTreeAdapterMap['document'];
}

export function builtPages(): Page[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { path: `/${relative(DIST, file)}`, document: parse(readFileSync(file, 'utf8')) };
    });
}

function children(node: Node): Node[] {
  const own = 'childNodes' in node ? node.childNodes : [];
  const template =
    node.nodeName === 'template' && 'content' in node ? (node.content as { childNodes: Node[] }).childNodes : [];
  return [...own, ...template];
}

export function findAll(root: Node, match: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node && match(node)) found.push(node);
    for (const child of children(node)) walk(child);
  };
  walk(root);
  return found;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function hasAttr(el: Element, name: string): boolean {
  return el.attrs.some((a) => a.name === name);
}

export function hasClass(el: Element, name: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(name);
}

/** The DOM textContent of an element. */
export function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return children(node).map(text).join('');
}
