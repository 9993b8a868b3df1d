/**
 * Build time: words the search index gets that the reader does not see. Pagefind cannot find 쿠버네티스 on a page
 * that only says Kubernetes, nor 암호화 inside 투명암호화. So when the index is built (config/search-index.mjs), right
 * after such a word the indexed copy of the page gets a hidden gloss, `Kubernetes<span hidden> 쿠버네티스</span>`:
 * Pagefind indexes it in place, with the weight of the heading or paragraph it sits in and as often as the word
 * occurs (up to a cap), and an excerpt reads as a gloss. The served page never carries the glosses. Text inside
 * `<pre>`, `<code>`, buttons and other non-prose elements is never touched, nor is any attribute.
 */
import { innerNouns } from './korean';
import { SYNONYMS } from './search-terms';

/** The id of the hidden paragraph that holds a page's frontmatter `keywords` (DocsLayout.astro). */
export const KEYWORDS_ID = 'page-keywords';

/**
 * Starts every word of a gloss. Pagefind indexes a word without it (it is not a letter), but keeps it in the page text
 * it returns, so the search box can tell index-only words from what the reader sees and leave them out of excerpts.
 */
export const GLOSS_MARK = '\u2063';

/** At most this many glosses of one term per page: enough to weigh like the word it glosses. */
const MAX_GLOSSES = 8;
const SKIP = new Set([
  'pre',
  'code',
  'script',
  'style',
  'template',
  'textarea',
  'button',
  'svg',
  'title',
  'kbd',
  'samp',
]);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
/**
 * Elements whose text is indexed as it is: ignored ones, the ones Pagefind reads as metadata (the title: its glosses
 * go after it, see {@link glossPage}) and the frontmatter keywords, which carry their own weight.
 */
const UNGLOSSED_ATTRS = new RegExp(`\\sdata-pagefind-(?:ignore|meta)\\b|\\sid="${KEYWORDS_ID}"`);
/** A comment, or a start/end tag whose quoted attribute values may contain `>` (copy payloads do). */
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^"'>]|"[^"]*"|'[^']*')*)>/g;
const HANGUL = /[\uac00-\ud7a3]/;
const WORD_TAIL = '[\\p{L}\\p{N}_-]*';
/** Whole words only, and not inside a URL, path, file or option name (kubernetes.io, /network/kubernetes/, k=v). */
const WORD_START = '(?<![\\p{L}\\p{N}/.:@=_-])';
const WORD_END = '(?![./:@=]?[\\p{L}\\p{N}/])';

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decode(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' ? 2 : 1), e[1] === 'x' ? 16 : 10))
      : (named[e.toLowerCase()] ?? ''),
  );
}

/** Text of an HTML fragment: tags dropped, the common entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  return decode(html.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(TAG, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

interface Gloss {
  /** Matches a word that calls for the gloss, through to the end of the word (its particles). */
  readonly pattern: RegExp;
  readonly terms: readonly string[];
  readonly maxWeight?: number;
}

/**
 * The glosses a page needs: for each synonym rule whose `when` words occur on the page, the `add` terms the page
 * does not already contain; for each known noun that occurs only inside unspaced compounds, the noun itself.
 */
export function pageGlosses(pageText: string): Gloss[] {
  const page = squash(pageText);
  const glosses: Gloss[] = [];
  for (const rule of SYNONYMS) {
    const terms = rule.add.filter((t) => !page.includes(squash(t)));
    if (terms.length === 0 || !rule.when.some((w) => page.includes(squash(w)))) continue;
    const words = rule.when.map((w) => w.split(/\s+/).map(escapeRe).join('\\s+'));
    glosses.push({
      pattern: new RegExp(`${WORD_START}(?:${words.join('|')})${WORD_TAIL}${WORD_END}`, 'giu'),
      terms,
      maxWeight: rule.maxWeight,
    });
  }
  const words = [...new Set(pageText.split(/[^\p{L}\p{N}-]+/u).filter((w) => HANGUL.test(w)))];
  const standalone = (noun: string) => words.some((w) => w.startsWith(noun));
  const nouns = new Set(words.flatMap((w) => innerNouns(w)).filter((n) => !standalone(n)));
  for (const noun of nouns) {
    glosses.push({
      pattern: new RegExp(`${WORD_START}[\\p{L}\\p{N}]+${escapeRe(noun)}${WORD_TAIL}${WORD_END}`, 'gu'),
      terms: [noun],
    });
  }
  return glosses;
}

function glossSpan(gloss: Gloss): string {
  const weight = gloss.maxWeight === undefined ? '' : ` data-pagefind-weight="${gloss.maxWeight}"`;
  const words = gloss.terms.flatMap((term) => term.split(/\s+/)).map((w) => GLOSS_MARK + escapeHtml(w));
  return `<span hidden${weight}> ${words.join(' ')}</span>`;
}

/**
 * The page's HTML with a hidden gloss after each word that needs one (see {@link pageGlosses}), in prose only.
 * `pageText` is the text the glosses are judged against (the whole page, title included).
 */
export function glossHtml(html: string, pageText: string): string {
  const glosses = pageGlosses(pageText);
  if (glosses.length === 0) return html;
  const used = new Map<Gloss, number>();
  const stack: { name: string; skip: boolean }[] = [];
  let out = '';
  let at = 0;
  /** One pass over a text segment: every gloss is found in the original text, so glosses never gloss glosses. */
  const text = (segment: string) => {
    if (stack.some((e) => e.skip)) return segment;
    const after = new Map<number, Gloss[]>();
    for (const gloss of glosses) {
      for (const m of segment.matchAll(gloss.pattern)) {
        const n = used.get(gloss) ?? 0;
        // A light gloss (maxWeight) makes the page findable; once is enough for that.
        if (n >= (gloss.maxWeight === undefined ? MAX_GLOSSES : 1)) break;
        used.set(gloss, n + 1);
        const end = m.index + m[0].length;
        after.set(end, [...(after.get(end) ?? []), gloss]);
      }
    }
    let result = '';
    let from = 0;
    for (const end of [...after.keys()].sort((a, b) => a - b)) {
      result += segment.slice(from, end) + (after.get(end) ?? []).map(glossSpan).join('');
      from = end;
    }
    return result + segment.slice(from);
  };
  for (const m of html.matchAll(TAG)) {
    out += text(html.slice(at, m.index));
    out += m[0];
    at = m.index + m[0].length;
    const [, closing, rawName = '', attrs = ''] = m;
    const name = rawName.toLowerCase();
    if (m[0].startsWith('<!--') || VOID.has(name) || attrs.trimEnd().endsWith('/')) continue;
    if (closing) {
      const open = stack.map((e) => e.name).lastIndexOf(name);
      if (open >= 0) stack.length = open;
    } else {
      stack.push({ name, skip: SKIP.has(name) || UNGLOSSED_ATTRS.test(attrs) });
    }
  }
  return out + text(html.slice(at));
}

/** Text of an HTML fragment without the elements marked `data-pagefind-ignore` (what Pagefind indexes of it). */
export function indexedText(html: string): string {
  let kept = '';
  let at = 0;
  const ignored: string[] = [];
  for (const m of html.matchAll(TAG)) {
    if (ignored.length === 0) kept += html.slice(at, m.index);
    at = m.index + m[0].length;
    const [, closing, rawName = '', attrs = ''] = m;
    const name = rawName.toLowerCase();
    const leaf = m[0].startsWith('<!--') || VOID.has(name) || attrs.trimEnd().endsWith('/');
    if (ignored.length === 0) {
      if (!leaf && !closing && /\sdata-pagefind-ignore\b/.test(attrs)) ignored.push(name);
      else kept += m[0];
    } else if (!leaf && name === ignored.at(-1)) {
      if (closing) ignored.pop();
      else ignored.push(name);
    }
  }
  if (ignored.length === 0) kept += html.slice(at);
  return htmlText(kept);
}

/** The `<span data-pagefind-meta="title">` of a built page: Pagefind's result title. */
const TITLE_META = /<span data-pagefind-meta="title">([^<]*)<\/span>/;

/**
 * A built page as the search index should see it: the content of its `<main data-pagefind-body>` glossed (see
 * {@link glossHtml}), judged against the text Pagefind indexes there. The title's glosses go right after its
 * `data-pagefind-meta="title"` element, inside the heading (so they weigh like the title) but outside the result
 * title readers see. Pages without that `<main>` come back as they are.
 */
export function glossPage(html: string): string {
  const main = /<main\b(?:[^"'>]|"[^"]*"|'[^']*')*\sdata-pagefind-body\b(?:[^"'>]|"[^"]*"|'[^']*')*>/.exec(html);
  const end = html.lastIndexOf('</main>');
  if (!main || end < main.index) return html;
  const from = main.index + main[0].length;
  const content = html.slice(from, end);
  const pageText = indexedText(content);
  const glossed = glossHtml(content, pageText).replace(TITLE_META, (title, inner: string) => {
    const spans = [...glossHtml(inner, pageText).matchAll(/<span hidden[^>]*>[^<]*<\/span>/g)].map((m) => m[0]);
    return title + spans.join('');
  });
  return html.slice(0, from) + glossed + html.slice(end);
}
