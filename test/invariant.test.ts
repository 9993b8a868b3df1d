/**
 * THE INVARIANT, for every runbook: the text a page shows for a step, the text its copy button copies,
 * `runbook print` (the page's "copy all") and the commands `runbook run` spawns are the same text, byte for byte.
 * Page text comes from the built site (dist/), print and run from the real CLI process, spawns from the simulated
 * cluster's recording bash. The simulated cluster answers with the same values the page shows as examples, so the
 * detected parameters render identically.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../runbooks/index.js';
import { findStep } from '../src/runbook/catalog.js';
import { renderScript, renderStep } from '../src/runbook/render.js';
import { resolveParams } from '../src/runbook/values.js';
import { attr, builtPages, DIST, type Element, findAll, hasAttr, hasClass, text } from './helpers/dist-html.js';
import { runCli } from './helpers/run-cli.js';
import type { SimCluster } from './helpers/sim-cluster.js';
import { makeSimCluster } from './helpers/sim-cluster.js';

const pages = builtPages();
const CONTEXT = 'sim-admin@sim';

interface Shown {
  page: string;
  code: string;
  copy: string;
}

function shownSteps(runbookId: string): Map<string, Shown> {
  const shown = new Map<string, Shown>();
  for (const page of pages) {
    const articles = findAll(page.document, (el) => el.tagName === 'article' && attr(el, 'data-runbook') === runbookId);
    for (const article of articles) {
      const step = attr(article, 'data-step') ?? '';
      const blocks = findAll(article, (el) => attr(el, 'data-role') === 'command');
      expect(blocks, `${page.path}#${step}: exactly one command block`).toHaveLength(1);
      const [block] = blocks;
      if (!block) continue;
      const pres = findAll(block, (el) => el.tagName === 'pre');
      const buttons = findAll(block, (el) => el.tagName === 'button' && hasClass(el, 'copy-button'));
      expect(pres).toHaveLength(1);
      expect(buttons).toHaveLength(1);
      expect(shown.has(step), `step ${runbookId}/${step} appears on more than one page`).toBe(false);
      shown.set(step, { page: page.path, code: text(pres[0] as never), copy: copiedBy(buttons[0] as Element) });
    }
  }
  return shown;
}

/**
 * What a block's copy button copies (src/components/runbook/copy.ts): with no payload of its own (`data-copy`,
 * `data-copy-src`), the text of the `<pre>` beside it in its `.code-block`. The browser tests click it for real.
 */
function copiedBy(button: Element): string {
  expect(hasAttr(button, 'data-copy') || hasAttr(button, 'data-copy-src'), 'a step button has its own payload').toBe(
    false,
  );
  const block = button.parentNode as Element;
  expect(hasClass(block, 'code-block')).toBe(true);
  const pres = block.childNodes.filter((n) => 'tagName' in n && n.tagName === 'pre');
  expect(pres).toHaveLength(1);
  return text(pres[0] as never);
}

/** A "copy all" button copies its `data-copy`, or else the built file its `data-copy-src` names (fetched on click). */
function copyAll(runbookId: string): string[] {
  return pages.flatMap((page) =>
    findAll(
      page.document,
      (el) => el.tagName === 'button' && hasAttr(el, 'data-copy-all') && attr(el, 'data-runbook') === runbookId,
    ).map((el) => attr(el, 'data-copy') ?? readFileSync(join(DIST, attr(el, 'data-copy-src') ?? '-'), 'utf8')),
  );
}

let sim: SimCluster;
const recorded = new Map<string, { step: string; script: string }[]>();
const cliRuns = new Map<string, { code: number | null; stdout: string; stderr: string }>();
/** Steps the run skipped because their text's own skip probe said "already applied" (from the run's transcript). */
const skippedDone = new Map<string, string[]>();

function skippedInTranscript(stateDir: string, runbookId: string): string[] {
  const dir = join(stateDir, 'transcripts');
  const [latest] = readdirSync(dir)
    .filter((f) => f.includes(`-${runbookId}-`))
    .sort()
    .reverse();
  if (!latest) return [];
  return readFileSync(join(dir, latest), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; step?: string; reason?: string })
    .filter((e) => e.kind === 'step-skipped' && e.reason === 'already-done')
    .map((e) => e.step ?? '');
}

beforeAll(async () => {
  sim = await makeSimCluster();
  const env: NodeJS.ProcessEnv = { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` };
  // The runbooks in the order an operator would use them on one cluster: enable, then roll back.
  for (const rb of catalog.runbooks) {
    const before = sim.scripts().length;
    const result = await runCli(['run', rb.id, '--yes', `--confirm=${CONTEXT}`], { env, cwd: sim.workDir });
    cliRuns.set(rb.id, result);
    skippedDone.set(rb.id, skippedInTranscript(`${sim.dir}/runbook-state`, rb.id));
    recorded.set(
      rb.id,
      sim
        .scripts()
        .slice(before)
        .filter((c) => c.role === 'command')
        .map((c) => ({ step: c.step ?? '', script: c.script ?? '' })),
    );
  }
}, 600_000); // every runbook in the catalog runs for real on the simulated cluster (~10 s each)

afterAll(async () => {
  await sim?.cleanup();
});

describe.each(catalog.runbooks.map((rb) => [rb.id, rb] as const))('invariant for %s', (id, rb) => {
  const values = resolveParams(rb, {}, { allowExamples: true }).values;

  it('every step is on exactly one page: shown text == copy payload == renderStep', () => {
    const shown = shownSteps(id);
    const order = rb.steps.map((s) => s.id);
    expect([...shown.keys()].sort()).toEqual([...order].sort());
    // A runbook split over two pages (`<Runbook until>` + `<RunbookContinued from>`): each page shows a run of
    // consecutive steps, in order.
    for (const path of new Set([...shown.values()].map((s) => s.page))) {
      const onPage = [...shown.entries()].filter(([, s]) => s.page === path).map(([step]) => step);
      const start = order.indexOf(onPage[0] ?? '');
      expect(onPage, path).toEqual(order.slice(start, start + onPage.length));
    }
    for (const step of rb.steps) {
      const s = shown.get(step.id);
      expect(s?.code, `${s?.page}#${step.id} shown`).toBe(renderStep(step, values));
      expect(s?.copy, `${s?.page}#${step.id} copied`).toBe(renderStep(step, values));
    }
  });

  it('"copy all" == `runbook print` (byte for byte, trailing newline included)', async () => {
    const printed = await runCli(['print', id], { env: sim.env });
    expect(printed.code).toBe(0);
    expect(printed.stdout.endsWith('\n')).toBe(true);
    expect(copyAll(id)).toEqual([printed.stdout]);
    expect(printed.stdout).toBe(renderScript(rb, values));
  });

  it('`runbook run` spawned exactly the shown text of each workstation step, in order', () => {
    const run = cliRuns.get(id);
    expect(run?.code, `${run?.stdout}\n${run?.stderr}`).toBe(0);
    const shown = shownSteps(id);
    // A step whose skip probe (lines of its own shown text) said "already applied" is not spawned; the copied text
    // skips it the same way (test/runbook/guards.test.ts, test/e2e/guards-*.test.ts).
    const skipped = skippedDone.get(id) ?? [];
    for (const step of skipped) expect(findStep(rb, step).skipProbe, step).toBeDefined();
    const expected = rb.steps
      .filter((s) => s.runOn === 'workstation' && !skipped.includes(s.id))
      .map((s) => ({ step: s.id, script: shown.get(s.id)?.code }));
    expect(recorded.get(id)).toEqual(expected);
  });

  it('the printed script contains every shown step; node steps only as comments', async () => {
    const printed = (await runCli(['print', id], { env: sim.env })).stdout;
    const shown = shownSteps(id);
    let at = 0;
    for (const step of rb.steps) {
      const code = shown.get(step.id)?.code ?? '';
      const inScript = step.runOn === 'each-node' ? code.replace(/^/gm, '# ') : code;
      const found = printed.indexOf(`\n${inScript}\n`, at);
      expect(found, `${step.id} in print output`).toBeGreaterThan(at - 1);
      at = found + inScript.length;
    }
  });
});
