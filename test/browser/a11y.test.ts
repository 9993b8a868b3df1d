/**
 * Every page in a real browser: no console errors, and no serious or critical axe-core violations, in the light
 * theme (all rules) and the dark one (colour contrast, the only rule a theme changes), with every collapsible block
 * open; and once more with the search results open and a parameter invalid.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPaths, freshPage, openSite, type Site } from './browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const paths = builtPaths();

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Serious and critical axe-core violations on the page as it is now, one line each. */
async function axeProblems(page: Page, path: string, rules?: string[]): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run({ resultTypes: ['violations'], ...(runOnly ? { runOnly } : {}) })).violations;
  }, rules);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${path} ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('every page', () => {
  // All rules in the light theme; in the dark theme only colour contrast can differ.
  it.each([
    ['light', undefined],
    ['dark', ['color-contrast']],
  ] as const)(
    'loads without console errors and has no serious or critical axe violations (%s theme)',
    async (colorScheme, rules) => {
      const { page, errors } = await freshPage(site, { colorScheme });
      const problems: string[] = [];
      for (const path of paths) {
        await page.goto(site.url(path));
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
        // Open every collapsible block so its content is checked too.
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        problems.push(...(await axeProblems(page, path, rules ? [...rules] : undefined)));
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    240_000, // axe takes 1–2 s a page on a 2-core machine
  );

  it('has no serious or critical axe violations with search results open and a parameter invalid', async () => {
    const { page, errors } = await freshPage(site);
    await page.goto(site.url('/kube-proxy-replacement/'));
    await page.locator('input[data-param-input="apiServerHost"]').fill('not a host!');
    await expect.poll(() => page.locator('.param-error').first().textContent()).toMatch(/\S/);
    await page.locator('#search-input').fill('롤백');
    await page.locator('[role="option"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await axeProblems(page, 'kube-proxy-replacement (search open)')).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
