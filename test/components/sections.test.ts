/** Page order and nesting (src/components/site/sections.ts): what the sidebar and the pager both walk. */
import { describe, expect, it } from 'vitest';
import { orderSections } from '../../src/components/site/sections.js';

const page = (id: string, order: number, parent?: string) => ({ id, data: { order, parent } });

describe('orderSections', () => {
  it('sorts by order and keeps each part right after its section', () => {
    const docs = [page('wireguard', 130), page('hubble-cli', 125, 'hubble'), page('hubble', 120), page('index', 0)];
    expect(orderSections(docs).map((d) => d.id)).toEqual(['index', 'hubble', 'hubble-cli', 'wireguard']);
  });

  it('names the file and the fix when a part would land under another section', () => {
    expect(() =>
      orderSections([page('hubble', 120), page('wireguard', 130), page('hubble-cli', 135, 'hubble')]),
    ).toThrow(
      'src/content/docs/hubble-cli.mdx: parent "hubble", but its order 135 puts it under "wireguard". Give it an order after 120',
    );
  });

  it('rejects an unknown parent and a part of a part', () => {
    expect(() => orderSections([page('a', 1), page('b', 2, 'nope')])).toThrow(
      'parent "nope" is not a page. Pages: a, b.',
    );
    expect(() => orderSections([page('a', 1), page('b', 2, 'a'), page('c', 3, 'b')])).toThrow(
      'is itself under "a"; pages nest one level only.',
    );
  });
});
