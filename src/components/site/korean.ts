/**
 * Korean query handling for Pagefind, pure functions used by the search box (browser) and the index terms (build).
 * Pagefind matches a query word against the start of indexed words, so stripping a particle or ending from a query
 * word (활성화를 → 활성화) only widens the match to every form of the stem; the raw word is searched too, so pages
 * with the exact form still rank first.
 */
import { NEGATING_PREFIXES, NOUNS, QUERY_WORDS, SYNONYMS } from './search-terms';

/**
 * Particles and endings that follow a noun, longest first so 에서는 wins over 는. The ending list covers the
 * 하다/되다 verbs the guide is full of (활성화하면, 설정된).
 */
const SUFFIXES = [
  '했습니다',
  '됐습니다',
  '하려면',
  '하세요',
  '합니다',
  '됩니다',
  '에서는',
  '에서도',
  '에서의',
  '으로는',
  '으로도',
  '으로의',
  '에게서',
  '이라는',
  '시키기',
  '시키는',
  '까지',
  '부터',
  '에서',
  '으로',
  '에게',
  '에는',
  '에도',
  '처럼',
  '보다',
  '마다',
  '만큼',
  '이나',
  '이란',
  '라는',
  '와의',
  '과의',
  '하다',
  '하기',
  '하는',
  '하면',
  '하고',
  '하여',
  '해서',
  '해야',
  '했다',
  '한다',
  '하지',
  '된다',
  '되면',
  '되어',
  '되는',
  '되지',
  '을',
  '를',
  '이',
  '가',
  '은',
  '는',
  '의',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
  '나',
  '란',
  '한',
  '할',
  '함',
  '된',
  '될',
  '됨',
].sort((a, b) => b.length - a.length);

const HANGUL = /[\uac00-\ud7a3]/;
const HANGUL_SYLLABLES = /[\uac00-\ud7a3]/g;
const LATIN_OR_DIGIT_END = /[A-Za-z0-9]$/;

/**
 * A stem is kept only if it is still a word: at least two Hangul syllables (so 국가 and 추가 keep their last
 * syllable), or it ends in a Latin letter or digit (kube-proxy를 → kube-proxy, eBPF로 → eBPF).
 */
function isStem(stem: string): boolean {
  if (LATIN_OR_DIGIT_END.test(stem)) return true;
  return (stem.match(HANGUL_SYLLABLES)?.length ?? 0) >= 2 && HANGUL.test(stem.slice(-1));
}

/** The word without trailing particles and 하다/되다 endings: 활성화하기를 → 활성화, 정책을 → 정책, 롤백 → 롤백. */
export function stripParticles(word: string): string {
  let stem = word;
  for (let round = 0; round < 3; round++) {
    const suffix = SUFFIXES.find((s) => stem.endsWith(s) && isStem(stem.slice(0, -s.length)));
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

const negated = (before: string) => NEGATING_PREFIXES.some((p) => before.endsWith(p));

/**
 * Known nouns inside an unspaced Korean word, not at its start: 투명암호화 → [암호화], 네트워크정책을 → [정책].
 * A noun after a negating prefix is skipped (비활성화 is not 활성화).
 */
export function innerNouns(word: string, nouns: readonly string[] = NOUNS): string[] {
  const stem = stripParticles(word);
  return nouns.filter((noun) => {
    for (let at = stem.indexOf(noun, 1); at > 0; at = stem.indexOf(noun, at + 1)) {
      if (!negated(stem.slice(0, at))) return true;
    }
    return false;
  });
}

/** A word split before each known noun inside it: 네트워크정책 → [네트워크, 정책]; no inner noun → [word]. */
export function splitCompound(word: string, nouns: readonly string[] = NOUNS): string[] {
  let at = -1;
  for (const noun of nouns) {
    const i = word.indexOf(noun, 1);
    if (i > 0 && (at < 0 || i < at) && !negated(word.slice(0, i))) at = i;
  }
  return at < 0 ? [word] : [word.slice(0, at), ...splitCompound(word.slice(at), nouns)];
}

/**
 * The queries to run for what a reader typed, most exact first and without duplicates:
 * the raw words, the words without particles, and those split at known nouns.
 * `활성화를` → [`활성화를`, `활성화`]; `네트워크정책을` → [`네트워크정책을`, `네트워크정책`, `네트워크 정책`].
 */
export function queryVariants(query: string): string[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const stems = words.map(stripParticles);
  const split = stems.flatMap((w) => splitCompound(w));
  const plain = split.map((w) => QUERY_WORDS[w] ?? w);
  return [...new Set([words.join(' '), stems.join(' '), split.join(' '), plain.join(' ')])];
}

/**
 * How strongly a page title names the query: 2 when its first word starts with a query word and every query word
 * starts some title word, 1 when every query word starts some title word, else 0. Pagefind ranks by text density,
 * so a short page that mentions a term often can outrank the page titled with it (Pagefind#437); the search box
 * orders its results by this tier first. Words are compared without particles: 롤백 (kube-proxy로 복귀) names
 * kube-proxy, but kube-proxy Replacement names it first.
 */
export function titleTier(title: string, query: string): number {
  return titleTierOf(title, query);
}

/**
 * How a result's title ranks it: named with the query's own words (3–4), else with one of its other names (1–2,
 * {@link queryAliases}: 허블 → Hubble UI), else 0. A title in the reader's own words wins.
 */
export function titleRank(title: string, query: string): number {
  const own = titleTierOf(title, query);
  if (own > 0) return own + 2;
  return Math.max(0, ...queryAliases(query).map((q) => titleTierOf(title, q)));
}

/**
 * The other names of a one-term query, from the synonym rules: the words a rule glosses with it (허블 → Hubble,
 * KPR → kube-proxy replacement), so a page titled with the other name ranks as titled with the query.
 */
export function queryAliases(query: string, rules = SYNONYMS): string[] {
  const key = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!key) return [];
  return [...new Set(rules.filter((r) => r.add.some((a) => a.toLowerCase() === key)).flatMap((r) => r.when))];
}

function titleTierOf(title: string, query: string): number {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[\s()[\]{}.,:;!?"'`·/]+/)
      .filter(Boolean)
      .map(stripParticles);
  const titleWords = words(title);
  const queryWords = words(query);
  if (queryWords.length === 0 || !queryWords.every((q) => titleWords.some((t) => t.startsWith(q)))) return 0;
  return queryWords.some((q) => titleWords[0]?.startsWith(q)) ? 2 : 1;
}
