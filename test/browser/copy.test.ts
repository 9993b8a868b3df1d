/**
 * Copy buttons and the parameter form in a real browser, against the real CLI: "copy all" puts exactly
 * `runbook print <id>` on the clipboard and a step's button exactly its shown text, before and after the reader
 * sets a parameter (then `runbook print <id> --param name=value`). Invalid values disable the affected buttons;
 * values persist per browser.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderStep } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { runCli } from '../helpers/run-cli.js';
import { freshPage, openSite, type Site } from './browser.js';

const RUNBOOK = 'kpr-enable';
const PAGE = '/kube-proxy-replacement/';
const STEP = 'helm-upgrade'; // the step that uses apiServerHost and apiServerPort
const HOST = '10.0.0.10';

let site: Site;
let page: Page;
let errors: string[];

async function print(...args: string[]): Promise<string> {
  const result = await runCli(['print', RUNBOOK, ...args], { env: process.env });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

function stepText(values: Record<string, string>): string {
  const runbook = catalog.get(RUNBOOK);
  const step = runbook.steps.find((s) => s.id === STEP);
  if (!step) throw new Error(`no step ${STEP}`);
  return renderStep(step, { ...resolveParams(runbook, {}, { allowExamples: true }).values, ...values });
}

/** Clicks the button and returns what landed on the clipboard (cleared first, so a failed copy cannot pass). */
async function copied(selector: string): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied)'));
  await page.locator(selector).click();
  await expect.poll(() => page.locator(selector).textContent()).toBe('복사됨');
  return page.evaluate(() => navigator.clipboard.readText());
}

const copyAll = `button[data-copy-all][data-runbook="${RUNBOOK}"]`;
const stepCopy = `article[data-step="${STEP}"] [data-role="command"] > button.copy-button`;
const stepPre = `article[data-step="${STEP}"] [data-role="command"] pre`;
const hostInput = `[data-param-form="${RUNBOOK}"] input[data-param-input="apiServerHost"]`;

beforeAll(async () => {
  site = await openSite();
  ({ page, errors } = await freshPage(site));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url('/') });
  await page.goto(site.url(PAGE));
});
afterAll(async () => {
  await site?.close();
});

describe('copy buttons', () => {
  it('"copy all" copies exactly `runbook print`', async () => {
    expect(await copied(copyAll)).toBe(await print());
  });

  it("a step's button copies exactly its shown text, comments and all", async () => {
    expect(await copied(stepCopy)).toBe(stepText({}));
    expect(await page.locator(stepPre).textContent()).toBe(stepText({}));
    // A heredoc or comment survives: every step's payload is its block's text, clicked for real.
    const blocks = await page.locator('article.rb-step [data-role="command"]').all();
    expect(blocks.length).toBeGreaterThan(5);
    for (const [i, block] of blocks.entries()) {
      expect(await copied(`article.rb-step >> nth=${i} >> [data-role="command"] > button`), `step ${i}`).toBe(
        await block.locator('pre').textContent(),
      );
    }
  });
});

describe('shell fences in the prose', () => {
  it('copy exactly the text they show, comments included', async () => {
    await page.goto(site.url('/hubble/'));
    const blocks = await page.locator('main > .code-block').all();
    expect(blocks.length).toBeGreaterThan(0);
    for (const [i, block] of blocks.entries()) {
      const text = await block.locator('pre').textContent();
      expect(text).not.toBe('');
      expect(await copied(`main > .code-block >> nth=${i} >> button`)).toBe(text);
    }
    await page.goto(site.url(PAGE));
  });
});

describe('the parameter form', () => {
  it('puts a new value into every block and payload, quoted as the CLI quotes it', async () => {
    await page.locator(hostInput).fill(HOST);
    await expect.poll(() => page.locator(stepPre).textContent()).toBe(stepText({ apiServerHost: HOST }));
    expect(await copied(stepCopy)).toBe(stepText({ apiServerHost: HOST }));
    expect(await copied(copyAll)).toBe(await print('--param', `apiServerHost=${HOST}`));
  });

  it('keeps the value for the next visit', async () => {
    await page.reload();
    await expect.poll(() => page.locator(stepPre).textContent()).toBe(stepText({ apiServerHost: HOST }));
    await expect.poll(() => page.locator(hostInput).inputValue()).toBe(HOST);
    expect(await copied(copyAll)).toBe(await print('--param', `apiServerHost=${HOST}`));
  });

  it('a copy right after loading already has the saved value (it waits for the form)', async () => {
    await page.reload();
    expect(await copied(stepCopy)).toBe(stepText({ apiServerHost: HOST }));
  });

  it('refuses an invalid value: a message, and no copy of the commands that would contain it', async () => {
    await page.locator(hostInput).fill('bad host;rm');
    const message = page.locator(`#${await page.locator(hostInput).getAttribute('aria-describedby')}`);
    await expect.poll(() => message.textContent()).toMatch(/IPv4/);
    expect(await page.locator(hostInput).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(stepCopy).isDisabled()).toBe(true);
    expect(await page.locator(copyAll).isDisabled()).toBe(true);
    // Steps without the parameter still copy.
    expect(
      await page.locator('article[data-step="check-kube-proxy"] [data-role="command"] > button').isDisabled(),
    ).toBe(false);

    // The last valid value is what this browser remembers.
    await page.reload();
    await expect.poll(() => page.locator(hostInput).inputValue()).toBe(HOST);
  });

  it('goes back to the example values', async () => {
    await page.locator(`[data-param-form="${RUNBOOK}"] [data-param-reset]`).click();
    await expect.poll(() => page.locator(stepPre).textContent()).toBe(stepText({}));
    expect(await copied(copyAll)).toBe(await print());
    await page.reload();
    expect(await page.locator(hostInput).inputValue()).toBe(stepText({}).match(/k8sServiceHost=([0-9][0-9.]*)/)?.[1]);
  });

  it('will not copy a block whose text no longer matches the renderer (fails closed)', async () => {
    // Tamper with the shown command outside its parameter, then set the parameter: the form renders the block with
    // the CLI's renderer, sees the difference and disables its button.
    await page.evaluate((selector) => {
      const token = document.querySelector(selector)?.querySelector('span');
      if (token) token.textContent = `${token.textContent} --tampered`;
    }, stepPre);
    await page.locator(hostInput).fill('10.0.0.11');
    await expect.poll(() => page.locator(stepCopy).isDisabled()).toBe(true);
    expect(
      await page.locator('article[data-step="check-kube-proxy"] [data-role="command"] > button').isDisabled(),
    ).toBe(false);
    await page.locator(`[data-param-form="${RUNBOOK}"] [data-param-reset]`).click();
    await page.reload();
    expect(await page.locator(stepCopy).isDisabled()).toBe(false);
  });

  it('produced no console errors', () => {
    expect(errors).toEqual([]);
  });
});
