/**
 * A search hit's excerpt and link target, built in the browser from the page text Pagefind returns. Pagefind's own
 * excerpt is a window of the indexed text, which also holds what only the index has: the Korean glosses (each word
 * starts with {@link GLOSS_MARK}) and the page's hidden keywords (after the `KEYWORDS_ID` anchor). Readers never see
 * those words here; a match on one shows the words it glosses. Pure functions, so they are tested without a browser.
 *
 * Pagefind also shortens a query word that matches nothing until it matches something (`xyzzy` finds `-X`), so a hit
 * counts only if one of its matched words really starts with a word of the query ({@link isRealMatch}).
 */
import { queryVariants } from './korean';
import { GLOSS_MARK, KEYWORDS_ID } from './search-index';
import { SYNONYMS } from './search-terms';

export interface HitText {
  /** The indexed text of the page, words separated by whitespace. */
  content: string;
  /** Word positions in `content` that matched. */
  locations: readonly number[];
  weighted_locations: readonly { location: number; balanced_score: number }[];
  /** Every element with an id, in page order, at the position of its first word. */
  anchors: readonly { id: string; location: number; element?: string; text?: string }[];
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

export interface Excerpt {
  parts: ExcerptPart[];
  /** The id of the element to link to (the one before the best match), or undefined for the top of the page. */
  anchor: string | undefined;
}

/** Pagefind's own word separator for excerpts (whitespace except U+FEFF), so positions agree with its locations. */
const SEPARATORS = /[^\S\uFEFF]+/;
const EXCERPT_WORDS = 24;
/** Words shown before the best match, so it reads in context. */
const LEAD = 7;

const pieces = (word: string) =>
  word
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The query's words as Pagefind compares them: lower case, letters and digits only, every variant (korean.ts). */
export function queryTerms(query: string): string[] {
  const terms = queryVariants(query).flatMap((v) => v.split(/\s+/).flatMap((w) => [pieces(w).join(''), ...pieces(w)]));
  return [...new Set(terms.filter(Boolean))];
}

/**
 * Whether a matched word of the page (as it appears in the text) starts with one of the query's terms, whole or in
 * one of its parts (`kube-proxy를` matches `proxy`). A word Pagefind matched only by shortening the query does not.
 */
export function isRealMatch(word: string, terms: readonly string[]): boolean {
  const p = pieces(word);
  const candidates = [p.join(''), ...p];
  return terms.some((t) => candidates.some((c) => c.startsWith(t)));
}

/** A runbook's title on its page (Runbook.astro): named like a heading. */
const RUNBOOK_TITLE = /^runbook-.+-title$/;

/**
 * The first heading (h2–h4, or a runbook's title) of the hit whose words contain a whole variant of the query, every word of it starting
 * some heading word (glosses included): `정책이 안 먹힘` → "시나리오 2: Network Policy가 적용 안 됨". A page whose
 * section is named by the query ranks above pages that only mention its words.
 */
export function headingMatch(hit: HitText, query: string): string | undefined {
  const variants = queryVariants(query).map((v) =>
    v
      .split(/\s+/)
      .map((w) => pieces(w).join(''))
      .filter(Boolean),
  );
  // A heading's text has no glosses: a query word also matches the words it glosses (정책 → Policy).
  const names = (q: string) => [
    q,
    ...SYNONYMS.filter((r) => r.maxWeight === undefined && r.add.some((a) => pieces(a).includes(q))).flatMap((r) =>
      r.when.flatMap(pieces),
    ),
  ];
  return hit.anchors.find((a) => {
    if (!(/^h[2-4]$/.test(a.element ?? '') || RUNBOOK_TITLE.test(a.id)) || !a.text) return false;
    const words = a.text.split(SEPARATORS).flatMap((w) => [pieces(w).join(''), ...pieces(w)]);
    return variants.some(
      (v) => v.length > 0 && v.every((q) => names(q).some((n) => words.some((w) => w.startsWith(n)))),
    );
  })?.id;
}

/**
 * The excerpt and link target of a hit, or undefined when none of its matches is real (see {@link isRealMatch}).
 * With `heading` (an anchor id, see {@link headingMatch}) the excerpt and link are that section's.
 */
export function buildExcerpt(hit: HitText, terms: readonly string[], heading?: string): Excerpt | undefined {
  const words = hit.content.split(SEPARATORS);
  const keywordsAt = hit.anchors.find((a) => a.id === KEYWORDS_ID)?.location ?? Number.POSITIVE_INFINITY;
  const real = new Set(hit.locations.filter((l) => isRealMatch(words[l] ?? '', terms)));
  if (real.size === 0) return undefined;
  const hidden = (i: number) => i >= keywordsAt || (words[i] ?? '').includes(GLOSS_MARK);
  /** The word a gloss belongs to: the visible word right before its run of glosses. */
  const shown = (i: number) => {
    let at = i;
    while (at > 0 && at < keywordsAt && hidden(at)) at--;
    return hidden(at) ? undefined : at;
  };
  const ranked = hit.weighted_locations
    .filter((w) => real.has(w.location))
    .sort((a, b) => b.balanced_score - a.balanced_score || a.location - b.location);
  const section = hit.anchors.find((a) => a.id === heading);
  const best = section
    ? ([...real].find((l) => l >= section.location) ?? section.location)
    : (ranked[0]?.location ?? [...real][0] ?? 0);
  const anchor = section
    ? section.id
    : best >= keywordsAt
      ? undefined
      : hit.anchors.filter((a) => a.location <= best && a.id !== KEYWORDS_ID).pop()?.id;
  // Matches readers can see: visible matched words, and the words that matched glosses belong to.
  const marked = new Set([...real].map(shown).filter((i): i is number => i !== undefined));
  const visible = words.map((_, i) => i).filter((i) => !hidden(i));
  const centre = section ? section.location : (shown(best) ?? [...marked].sort((a, b) => a - b)[0] ?? 0);
  const at = Math.max(
    0,
    visible.findIndex((i) => i >= centre),
  );
  // A section's excerpt starts at its heading; otherwise a few words lead up to the match.
  const from = section ? at : Math.max(0, at - LEAD);
  const end = Math.min(visible.length, from + EXCERPT_WORDS);
  const start = section ? from : Math.max(0, end - EXCERPT_WORDS);
  const parts: ExcerptPart[] = [];
  if (start > 0) parts.push({ text: '… ', mark: false });
  visible.slice(start, end).forEach((i, n) => {
    parts.push({ text: `${n > 0 ? ' ' : ''}`, mark: false }, { text: words[i] ?? '', mark: marked.has(i) });
  });
  if (end < visible.length) parts.push({ text: ' …', mark: false });
  return { parts: parts.filter((p) => p.text !== ''), anchor };
}
