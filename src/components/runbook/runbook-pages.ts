/**
 * Which page shows which runbook, read from the MDX itself (`<Runbook id="…" />`), so links between runbooks (the
 * rollback link) follow the pages without a second list to keep in sync.
 */
import { getCollection } from 'astro:content';
import { pageHref } from '../site/nav';

const RUNBOOK_TAG = /<Runbook\s+id="([^"]+)"/g;

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
