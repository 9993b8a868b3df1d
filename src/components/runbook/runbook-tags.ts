/**
 * The runbook tags of the MDX pages, read from their source, and where each runbook's steps are shown. Pure (no
 * `astro:content`), so the rules are unit-tested: test/components/runbook-tags.test.ts.
 *
 * A runbook is shown by one `<Runbook id="…" />`. A long runbook may be split over two pages: the first shows its
 * header, parameters and steps up to `until`, the second continues with `<RunbookContinued id="…" from="…" />` (the
 * step right after `until`) to the last step. Every step is on exactly one page, in order; anything else fails the
 * build with a message naming the pages.
 */

/** Step numbers as the pages write them: `8~10`, or `10` for one step. */
export function stepRange(first: number, last: number): string {
  return first === last ? String(first) : `${first}~${last}`;
}

export type RunbookTag =
  | { readonly kind: 'runbook'; readonly id: string; readonly until?: string }
  | { readonly kind: 'continued'; readonly id: string; readonly from: string }
  | { readonly kind: 'step'; readonly id: string; readonly step: string };

/** A runbook tag in MDX source; group 1 is its name, group 2 its attributes. See {@link readRunbookTag}. */
export const RUNBOOK_TAG = /<(Runbook|RunbookContinued|RunbookStep)\s([^>]*?)\/?>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;

/** MDX comments and fenced code: a tag written there is not rendered, so it must not count. */
const NOT_RENDERED = /\{\/\*[\s\S]*?\*\/\}|^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;

/**
 * The runbook tags of one MDX body, in page order, leaving out those inside `{/* … *\/}` comments and fenced code.
 * A tag without its required attribute is an error.
 */
export function parseRunbookTags(body: string, page = 'this page'): RunbookTag[] {
  return [...body.replace(NOT_RENDERED, '').matchAll(RUNBOOK_TAG)].map((match) => readRunbookTag(match, page));
}

/** One match of {@link RUNBOOK_TAG} as a tag. @throws Error naming the page when a required attribute is missing. */
export function readRunbookTag([tag, name, attributes]: RegExpMatchArray, page = 'this page'): RunbookTag {
  const attrs = Object.fromEntries([...(attributes ?? '').matchAll(ATTRIBUTE)].map((m) => [m[1], m[2] ?? '']));
  const need = (key: string): string => {
    const value = attrs[key];
    if (!value) throw new Error(`${page}: ${tag} needs ${key}="…".`);
    return value;
  };
  if (name === 'RunbookStep') return { kind: 'step', id: need('runbook'), step: need('step') };
  if (name === 'RunbookContinued') return { kind: 'continued', id: need('id'), from: need('from') };
  return attrs.until === undefined
    ? { kind: 'runbook', id: need('id') }
    : { kind: 'runbook', id: need('id'), until: need('until') };
}

export interface PageSource {
  /** The page's id (its file name), used in messages and links. */
  readonly id: string;
  readonly body: string;
}

/** Where one runbook is shown: the page with `<Runbook>` and, when split, the page that continues it. */
export interface RunbookPlacement {
  readonly main: { readonly page: string; readonly steps: readonly string[] };
  readonly continued?: { readonly page: string; readonly steps: readonly string[] };
}

/**
 * Where the runbook `id` (with the step ids `stepIds`, in order) is shown across `pages`.
 * @throws Error when no page or two pages show it, when `until`/`from` name no step of it, when a split leaves
 *   steps on no page or on both, or when a `<RunbookContinued>` has no split `<Runbook>` to continue.
 */
export function placeRunbook(pages: readonly PageSource[], id: string, stepIds: readonly string[]): RunbookPlacement {
  const found = (kind: RunbookTag['kind']) =>
    pages.flatMap((page) =>
      parseRunbookTags(page.body, page.id)
        .filter((tag) => tag.kind === kind && tag.id === id)
        .map((tag) => ({ page: page.id, tag })),
    );
  const mains = found('runbook');
  const continuations = found('continued');
  const [main] = mains;
  if (!main || mains.length > 1) {
    const where = mains.length === 0 ? 'no page' : mains.map((m) => m.page).join(', ');
    throw new Error(
      `<Runbook id="${id}" /> must be on exactly one page (found on ${where}); a link to the runbook needs one target.`,
    );
  }
  const position = (step: string, attribute: string, page: string): number => {
    const index = stepIds.indexOf(step);
    if (index < 0) {
      throw new Error(`${page}: ${attribute}="${step}" is not a step of ${id} (its steps: ${stepIds.join(', ')}).`);
    }
    return index;
  };
  const until = main.tag.kind === 'runbook' ? main.tag.until : undefined;
  if (until === undefined) {
    if (continuations.length > 0) {
      throw new Error(
        `${continuations.map((c) => c.page).join(', ')}: <RunbookContinued id="${id}"> continues a runbook that ` +
          `${main.page} shows whole. Add until="…" to its <Runbook> or remove the continuation.`,
      );
    }
    return { main: { page: main.page, steps: stepIds } };
  }
  const end = position(until, 'until', main.page);
  const next = stepIds[end + 1];
  if (next === undefined) {
    throw new Error(
      `${main.page}: until="${until}" is the last step of ${id}; there is nothing to continue. Remove it.`,
    );
  }
  const [continued] = continuations;
  if (!continued || continuations.length > 1) {
    const where = continuations.length === 0 ? 'no page' : continuations.map((c) => c.page).join(', ');
    throw new Error(
      `${main.page} shows ${id} until "${until}", so one page must continue it with ` +
        `<RunbookContinued id="${id}" from="${next}" /> (found on ${where}).`,
    );
  }
  const from = continued.tag.kind === 'continued' ? continued.tag.from : next;
  if (position(from, 'from', continued.page) !== end + 1) {
    throw new Error(
      `${continued.page}: from="${from}" must be "${next}", the step after until="${until}" on ${main.page}, ` +
        'so every step is shown once.',
    );
  }
  return {
    main: { page: main.page, steps: stepIds.slice(0, end + 1) },
    continued: { page: continued.page, steps: stepIds.slice(end + 1) },
  };
}
