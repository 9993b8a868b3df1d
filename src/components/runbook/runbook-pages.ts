/**
 * Which page shows which runbook, read from the MDX itself (`<Runbook id="…" />`), so links between runbooks (the
 * rollback link) follow the pages without a second list to keep in sync.
 */
import { getCollection } from 'astro:content';
import { catalog } from '../../../runbooks/index.js';
import { pageHref } from '../site/nav';

const RUNBOOK_TAG = /<Runbook\s+id="([^"]+)"/g;
/** `<Runbook id="…">` and `<RunbookStep runbook="…">`, in page order. */
const ANY_RUNBOOK_TAG = /<Runbook(?:Step)?\s+(?:id|runbook)="([^"]+)"/g;

/** The anchor of a runbook's section on its page. */
export function runbookAnchor(id: string): string {
  return `runbook-${id}`;
}

/** @throws Error when no page renders the runbook, since the link would lead nowhere. */
export async function runbookHref(id: string): Promise<string> {
  const docs = await getCollection('docs');
  const entry = docs.find((doc) => [...(doc.body ?? '').matchAll(RUNBOOK_TAG)].some((m) => m[1] === id));
  if (!entry) {
    throw new Error(
      `No page in src/content/docs renders <Runbook id="${id}" />, so a link to that runbook has no target.`,
    );
  }
  return `${pageHref(entry.id)}#${runbookAnchor(id)}`;
}

/** The runbooks a page shows, in page order: by `<Runbook>` or `<RunbookStep>`, or with `sections`, by `<Runbook>`. */
export async function pageRunbooks(pagePath: string, sections = false): Promise<string[]> {
  const docs = await getCollection('docs');
  const body = docs.find((doc) => pageHref(doc.id) === pagePath)?.body ?? '';
  return [...new Set([...body.matchAll(sections ? RUNBOOK_TAG : ANY_RUNBOOK_TAG)].map((m) => m[1] ?? ''))];
}

/**
 * The element id (and `#` permalink) of a step on the page at `pagePath`: the step id itself, unless a runbook shown
 * earlier on the same page has a step with that id (enable and disable runbooks share steps such as helm-upgrade);
 * then `<runbook>-<step>`, so every id on a page is unique and the first runbook keeps the plain ids.
 */
export async function stepAnchor(pagePath: string, runbookId: string, stepId: string): Promise<string> {
  const order = await pageRunbooks(pagePath);
  const earlier = order.slice(0, Math.max(0, order.indexOf(runbookId)));
  const taken = earlier.some((id) => catalog.runbooks.find((rb) => rb.id === id)?.steps.some((s) => s.id === stepId));
  return taken ? `${runbookId}-${stepId}` : stepId;
}

/** One entry of a page's table of contents. */
export interface OutlineItem {
  readonly depth: number;
  readonly slug: string;
  readonly text: string;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING_LINE = /^#{1,6}\s/;

/**
 * A page's outline for its table of contents: the MDX headings (h2, h3), and after the heading each `<Runbook>`
 * follows, that runbook's steps (numbered as on the page, linking to each step's id). `headings` are Astro's, in
 * page order; the MDX body says where each runbook sits among them.
 */
export async function pageOutline(
  pagePath: string,
  body: string,
  headings: readonly { depth: number; slug: string; text: string }[],
): Promise<OutlineItem[]> {
  const items: OutlineItem[] = [];
  let next = 0;
  let fence: string | undefined;
  for (const line of body.split('\n')) {
    const f = FENCE.exec(line)?.[1];
    if (f && (fence === undefined || fence === f)) {
      fence = fence === undefined ? f : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    if (HEADING_LINE.test(line)) {
      const h = headings[next++];
      if (h && (h.depth === 2 || h.depth === 3)) items.push(h);
      continue;
    }
    for (const m of line.matchAll(RUNBOOK_TAG)) {
      const runbook = catalog.runbooks.find((rb) => rb.id === m[1]);
      for (const [index, step] of (runbook?.steps ?? []).entries()) {
        const slug = await stepAnchor(pagePath, runbook?.id ?? '', step.id);
        items.push({ depth: 4, slug, text: `${index + 1}. ${step.title}` });
      }
    }
  }
  return items;
}
