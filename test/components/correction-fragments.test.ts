/**
 * config/correction-fragments.mjs: a page's collapsed 1.18.4 notes leave the page for a fragment file, the summary and
 * a link stay, and everything outside the notes is untouched.
 */
import { describe, expect, it } from 'vitest';
import { FRAGMENT, splitCorrections } from '../../config/correction-fragments.mjs';

const before = '<main><p>앞</p><details class="corrections"><summary>1.18.4 기준 수정 2건</summary>';
const notes = '<aside class="correction"><p>하나</p><details><summary>안</summary>x</details></aside><aside>둘</aside>';
const after = '</details><p>뒤</p><details class="rb-sample"><summary>s</summary></details></main>';

describe('splitCorrections', () => {
  it('moves the notes, nested <details> included, and keeps the summary, a link and the rest of the page', () => {
    const split = splitCorrections(before + notes + after);
    expect(split?.notes).toBe(notes);
    expect(split?.page).toBe(
      `${before}<div class="corrections-body"><a href="${FRAGMENT}">수정 내용 파일 열기</a></div>${after}`,
    );
  });

  it('leaves a page without collapsed notes alone', () => {
    expect(splitCorrections('<main><aside class="correction">본문</aside></main>')).toBeUndefined();
  });

  it('refuses notes that are never closed', () => {
    expect(() => splitCorrections(`${before}${notes}`)).toThrow(/not closed/);
  });
});
