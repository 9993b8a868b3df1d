/**
 * The guide's pages: Korean MDX in src/content/docs. Each file becomes one page at `/<file name>/`
 * (`index.mdx` is the home page). MDX pages can use `<Runbook id="…" />` (or `until="…"` with
 * `<RunbookContinued id="…" from="…" />` on the next page), `<RunbookStep runbook="…" step="…" />`
 * and `<Correction source="…">` without importing them: src/pages/[...slug].astro passes them in.
 */

import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';

const docs = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './src/content/docs' }),
  schema: z
    .object({
      /** Page title (the `<h1>` and the `<title>`). */
      title: z.string().min(1),
      /** One sentence for `<meta name="description">` and search results. */
      description: z.string().min(1),
      /** Position in the sidebar, ascending. */
      order: z.number(),
      /**
       * Id of the page this one continues (a part of the same guide section), e.g. `hubble` for `hubble-cli`. The
       * sidebar shows it indented under that page; `order` must place it after the parent and before the next
       * top-level page (checked when the site builds).
       */
      parent: z.string().min(1).optional(),
      /** Shorter sidebar text; defaults to `title`. */
      sidebarLabel: z.string().min(1).optional(),
      /**
       * Words readers search for that should find this page although the text says them differently (a Korean
       * term for an English-only page, a common abbreviation). Indexed with the title's weight, never shown.
       */
      keywords: z.array(z.string().min(1)).optional(),
      /** The page's "마지막 수정" date, when the last commit that touched the file is not the right one. */
      updated: z.coerce.date().optional(),
    })
    .strict(),
});

export const collections = { docs };
