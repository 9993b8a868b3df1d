/**
 * The guide's page order, as a pure check over the docs entries: a page with `parent` continues a top-level page
 * and must sort right after it (and after its earlier parts), so the sidebar nests it there and the pager, which
 * walks the same order, never jumps out of a section and back.
 */
export interface OrderedEntry {
  readonly id: string;
  readonly data: { readonly order: number; readonly parent?: string | undefined };
}

/** Sorts by `order`, then id, in place. @throws Error naming the file and the fix when a `parent` is misplaced. */
export function orderSections<T extends OrderedEntry>(docs: T[]): T[] {
  docs.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
  let section: T | undefined;
  for (const entry of docs) {
    const { parent } = entry.data;
    if (parent === undefined) {
      section = entry;
      continue;
    }
    const target = docs.find((d) => d.id === parent);
    const where = `src/content/docs/${entry.id}.mdx: parent "${parent}"`;
    if (!target) throw new Error(`${where} is not a page. Pages: ${docs.map((d) => d.id).join(', ')}.`);
    if (target.data.parent !== undefined) {
      throw new Error(`${where} is itself under "${target.data.parent}"; pages nest one level only.`);
    }
    if (section?.id !== parent) {
      throw new Error(
        `${where}, but its order ${entry.data.order} puts it under "${section?.id ?? '(nothing)'}". ` +
          `Give it an order after ${target.data.order} and before the next top-level page.`,
      );
    }
  }
  return docs;
}
