/**
 * Which page shows which runbook, read from the MDX itself (`<Runbook id="…" />`, see runbook-tags.ts), so links
 * between runbooks (the rollback link) and between the two pages of a split runbook follow the pages without a
 * second list to keep in sync.
 */
import { getCollection } from 'astro:content';
import { catalog } from '../../../runbooks/index.js';
import { pageHref } from '../site/nav';
import { parseRunbookTags, placeRunbook, type RunbookPlacement } from './runbook-tags';

/** The anchor of a runbook's section on its page. */
export function runbookAnchor(id: string): string {
  return `runbook-${id}`;
}

/** Where the runbook's steps are shown. @throws Error (from placeRunbook) for a missing, doubled or broken split. */
export async function runbookPlacement(id: string): Promise<RunbookPlacement> {
  const docs = await getCollection('docs');
  const stepIds = catalog.get(id).steps.map((s) => s.id);
  return placeRunbook(
    docs.map((doc) => ({ id: doc.id, body: doc.body ?? '' })),
    id,
    stepIds,
  );
}

/** The runbook's section on the page that shows its header (and its first steps, when split). */
export async function runbookHref(id: string): Promise<string> {
  return `${pageHref((await runbookPlacement(id)).main.page)}#${runbookAnchor(id)}`;
}

async function pageBody(pagePath: string): Promise<{ id: string; body: string }> {
  const docs = await getCollection('docs');
  const doc = docs.find((d) => pageHref(d.id) === pagePath);
  return { id: doc?.id ?? pagePath, body: doc?.body ?? '' };
}

/**
 * The runbooks a page shows, in page order: by `<Runbook>`, `<RunbookContinued>` or `<RunbookStep>`, or with
 * `sections`, by `<Runbook>` only.
 */
export async function pageRunbooks(pagePath: string, sections = false): Promise<string[]> {
  const { id, body } = await pageBody(pagePath);
  const tags = parseRunbookTags(body, id).filter((tag) => !sections || tag.kind === 'runbook');
  return [...new Set(tags.map((tag) => tag.id))];
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
 * A page's outline for its table of contents: the MDX headings (h2, h3), and after the heading each `<Runbook>` or
 * `<RunbookContinued>` follows, the steps it shows (numbered as on the page, linking to each step's id). `headings`
 * are Astro's, in page order; the MDX body says where each runbook sits among them.
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
    for (const tag of parseRunbookTags(line)) {
      if (tag.kind === 'step') continue;
      const placement = await runbookPlacement(tag.id);
      const shown = tag.kind === 'runbook' ? placement.main.steps : (placement.continued?.steps ?? []);
      for (const [index, step] of catalog.get(tag.id).steps.entries()) {
        if (!shown.includes(step.id)) continue;
        const slug = await stepAnchor(pagePath, tag.id, step.id);
        items.push({ depth: 4, slug, text: `${index + 1}. ${step.title}` });
      }
    }
  }
  return items;
}
