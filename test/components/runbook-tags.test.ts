/** Where a runbook's steps are shown (src/components/runbook/runbook-tags.ts): one page, or split over two. */
import { describe, expect, it } from 'vitest';
import { parseRunbookTags, placeRunbook, stepRange } from '../../src/components/runbook/runbook-tags.js';

const STEPS = ['check', 'upgrade', 'verify', 'delete', 'cleanup'];
const page = (id: string, body: string) => ({ id, body });

describe('parseRunbookTags', () => {
  it('reads the three tags with their attributes, in page order', () => {
    const body = [
      'Text <RunbookStep runbook="a" step="s1" /> more',
      '<Runbook id="b" />',
      '<Runbook id="c" until="verify" />',
      '<RunbookContinued id="c" from="delete" />',
    ].join('\n');
    expect(parseRunbookTags(body)).toEqual([
      { kind: 'step', id: 'a', step: 's1' },
      { kind: 'runbook', id: 'b' },
      { kind: 'runbook', id: 'c', until: 'verify' },
      { kind: 'continued', id: 'c', from: 'delete' },
    ]);
  });

  it('leaves out tags in MDX comments and fenced code, which are not rendered', () => {
    const body = [
      '{/* <Runbook id="old" /> */}',
      '```mdx',
      '<RunbookContinued id="x" from="y" />',
      '```',
      '<Runbook id="b" />',
    ];
    expect(parseRunbookTags(body.join('\n'))).toEqual([{ kind: 'runbook', id: 'b' }]);
  });

  it('names the page and the missing attribute', () => {
    expect(() => parseRunbookTags('<RunbookContinued id="c" />', 'kpr')).toThrow(
      'kpr: <RunbookContinued id="c" /> needs from="…".',
    );
    expect(() => parseRunbookTags('<Runbook until="x" />', 'kpr')).toThrow('needs id="…"');
  });
});

describe('placeRunbook', () => {
  it('puts every step on the one page of an unsplit runbook', () => {
    const placement = placeRunbook([page('other', 'no tags'), page('p', '<Runbook id="r" />')], 'r', STEPS);
    expect(placement).toEqual({ main: { page: 'p', steps: STEPS } });
  });

  it('splits after `until` and continues from the next step', () => {
    const pages = [
      page('second', '<RunbookContinued id="r" from="delete" />'),
      page('first', '<Runbook id="r" until="verify" />'),
    ];
    expect(placeRunbook(pages, 'r', STEPS)).toEqual({
      main: { page: 'first', steps: ['check', 'upgrade', 'verify'] },
      continued: { page: 'second', steps: ['delete', 'cleanup'] },
    });
  });

  it('fails the build when a step would be on no page or on two', () => {
    const skip = [
      page('first', '<Runbook id="r" until="upgrade" />'),
      page('second', '<RunbookContinued id="r" from="delete" />'),
    ];
    expect(() => placeRunbook(skip, 'r', STEPS)).toThrow(
      'second: from="delete" must be "verify", the step after until="upgrade" on first, so every step is shown once.',
    );
    const missing = [page('first', '<Runbook id="r" until="verify" />')];
    expect(() => placeRunbook(missing, 'r', STEPS)).toThrow(
      'first shows r until "verify", so one page must continue it with <RunbookContinued id="r" from="delete" /> (found on no page).',
    );
    const twice = [page('a', '<Runbook id="r" />'), page('b', '<Runbook id="r" />')];
    expect(() => placeRunbook(twice, 'r', STEPS)).toThrow('must be on exactly one page (found on a, b)');
  });

  it('rejects a continuation of a whole runbook, unknown steps and a split after the last step', () => {
    const whole = [page('first', '<Runbook id="r" />'), page('second', '<RunbookContinued id="r" from="delete" />')];
    expect(() => placeRunbook(whole, 'r', STEPS)).toThrow('continues a runbook that first shows whole');
    expect(() => placeRunbook([page('first', '<Runbook id="r" until="nope" />')], 'r', STEPS)).toThrow(
      'first: until="nope" is not a step of r (its steps: check, upgrade, verify, delete, cleanup).',
    );
    expect(() => placeRunbook([page('first', '<Runbook id="r" until="cleanup" />')], 'r', STEPS)).toThrow(
      'is the last step of r; there is nothing to continue',
    );
    expect(() => placeRunbook([page('x', 'none')], 'r', STEPS)).toThrow('found on no page');
  });
});

describe('stepRange', () => {
  it('writes a range as the pages do, and one step as its number', () => {
    expect(stepRange(8, 10)).toBe('8~10');
    expect(stepRange(10, 10)).toBe('10');
  });
});
