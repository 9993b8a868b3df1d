/**
 * The parameter form, in the browser (loaded by params.ts). A reader's value goes through the model's own rules
 * and renderer: `validateParamValue` decides whether it is accepted, `quote` writes it into each
 * `<span data-param>` of the highlighted blocks (which their copy buttons copy), `renderCommand` checks each block's
 * resulting text (a block that disagrees cannot be copied) and `renderScript` recomputes "copy all", so the page
 * copies what `runbook print --param name=value` prints. Accepted values are saved per browser
 * (localStorage) and shared by name across runbooks and pages; an invalid value shows the input's message and
 * disables the copy buttons whose text would contain it.
 */
import { t } from '../../i18n/ko';
import { validateParamValue } from '../../runbook/params';
import { quote } from '../../runbook/quote';
import { renderCommand, renderScript } from '../../runbook/render';
import type { CommandTemplate } from '../../runbook/template';
import { paramNames } from '../../runbook/template';
import css from './param-form.css?inline';
import { STORAGE_KEY } from './params';
import { asRunbook, paramDef, type RunbookData } from './runbook-data';

type Values = Record<string, string>;

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');

function loadSaved(): Values {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? (saved as Values) : {};
  } catch {
    return {};
  }
}

function store(values: Values): void {
  try {
    if (Object.keys(values).length === 0) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
  } catch {
    // applied to this page, just not remembered
  }
}

async function fetchRunbook(id: string): Promise<RunbookData> {
  const response = await fetch(`${base}runbook/${encodeURIComponent(id)}.json`);
  if (!response.ok) throw new Error(`runbook/${id}.json: HTTP ${response.status}`);
  return (await response.json()) as RunbookData;
}

/** The Korean message for a value its rule rejects (`validateParamValue` says why in English, for the CLI). */
function message(rule: RunbookData['params'][string]): string {
  const detail =
    rule.type === 'enum'
      ? ` ${(rule.values ?? []).join(', ')}`
      : rule.type === 'string'
        ? ` ${rule.pattern?.[0] ?? '[A-Za-z0-9._:/@=+-]+'}`
        : '';
  return `${t(`param.invalid.${rule.type}`)}${detail} ${t('param.invalid.copy')}`;
}

/** A runbook on this page with the values to show and the names whose value is invalid. */
interface Shown {
  readonly data: RunbookData;
  readonly values: Values;
  readonly invalid: ReadonlySet<string>;
}

function blocks(article: Element, step: RunbookData['steps'][number]): [Element | null, CommandTemplate | undefined][] {
  return [
    [article.querySelector('[data-role="command"]'), step.command],
    [article.querySelector('[data-role="undo"] .code-block'), step.undo],
  ];
}

function render({ data, values, invalid }: Shown): void {
  for (const article of document.querySelectorAll(`article.rb-step[data-runbook="${data.id}"]`)) {
    const step = data.steps.find((s) => s.id === (article as HTMLElement).dataset.step);
    if (!step) continue;
    for (const [block, template] of blocks(article, step)) {
      if (!block || !template) continue;
      const names = paramNames(template);
      if (names.length === 0) continue;
      const broken = names.some((n) => invalid.has(n));
      for (const span of block.querySelectorAll<HTMLElement>('[data-param]')) {
        span.textContent = quote(values[span.dataset.param ?? ''] ?? '');
      }
      // The button copies the block's text; it must be what `runbook print --param` prints for these values.
      const agrees = block.querySelector(':scope > pre')?.textContent === renderCommand(template, values);
      block.classList.toggle('rb-invalid', broken);
      const button = block.querySelector<HTMLButtonElement>(':scope > button.copy-button');
      if (button) button.disabled = broken || !agrees;
    }
  }
  const all = document.querySelector<HTMLButtonElement>(`button[data-copy-all][data-runbook="${data.id}"]`);
  if (all) {
    all.disabled = invalid.size > 0;
    if (invalid.size === 0) all.dataset.copy = renderScript(asRunbook(data), values);
    const view = document.querySelector<HTMLElement>(`[data-script-view="${data.id}"]`);
    if (view?.textContent) view.textContent = all.dataset.copy ?? '';
  }
}

export async function start(): Promise<void> {
  const forms = [...document.querySelectorAll<HTMLElement>('[data-param-form]')];
  const ids = new Set<string>(forms.map((f) => f.dataset.paramForm ?? ''));
  for (const span of document.querySelectorAll('article.rb-step[data-runbook] [data-param]')) {
    ids.add(span.closest<HTMLElement>('article')?.dataset.runbook ?? '');
  }
  ids.delete('');
  const runbooks = await Promise.all([...ids].map(fetchRunbook));
  document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  const inputs = forms.flatMap((f) => [...f.querySelectorAll<HTMLInputElement>('input[data-param-input]')]);
  let saved = loadSaved();
  /** What the reader typed in this page's inputs, valid or not, by parameter name. */
  const typed: Values = {};

  const update = () => {
    const shown = runbooks.map((data): Shown => {
      const values: Values = {};
      const invalid = new Set<string>();
      for (const [name, rule] of Object.entries(data.params)) {
        values[name] = typed[name] ?? saved[name] ?? data.values[name] ?? '';
        if (validateParamValue(paramDef(rule), values[name]) !== undefined) invalid.add(name);
      }
      return { data, values, invalid };
    });
    for (const s of shown) render(s);
    for (const input of inputs) {
      const name = input.dataset.paramInput ?? '';
      const form = input.closest<HTMLElement>('[data-param-form]');
      const own = shown.find((s) => s.data.id === form?.dataset.paramForm);
      const bad = own?.invalid.has(name) ?? false;
      if (document.activeElement !== input) input.value = own?.values[name] ?? input.value;
      input.setAttribute('aria-invalid', String(bad));
      const rule = own?.data.params[name];
      const note = document.getElementById(input.getAttribute('aria-describedby') ?? '');
      if (note) note.textContent = bad && rule ? message(rule) : '';
      const source = input.parentElement?.querySelector<HTMLElement>('.param-source');
      if (source) {
        source.dataset.built ??= source.textContent ?? '';
        // "Saved" describes the value shown: not while the field holds a value that was refused.
        source.textContent = name in saved && !bad ? `(${t('param.saved')})` : source.dataset.built;
      }
    }
  };

  const accept = (input: HTMLInputElement) => {
    const name = input.dataset.paramInput ?? '';
    const value = input.value;
    typed[name] = value;
    const rules = runbooks.flatMap((r) => (r.params[name] ? [{ rule: r.params[name], example: r.values[name] }] : []));
    if (rules.length > 0 && rules.every(({ rule }) => validateParamValue(paramDef(rule), value) === undefined)) {
      saved = { ...saved, [name]: value };
      if (rules.every(({ example }) => example === value)) delete saved[name];
      store(saved);
    }
  };
  for (const input of inputs) {
    input.addEventListener('input', () => {
      accept(input);
      update();
    });
    // Typed while this module was loading.
    if (input.value !== input.defaultValue) accept(input);
  }
  for (const form of forms) {
    form.querySelector('[data-param-reset]')?.addEventListener('click', () => {
      const names = Object.keys(runbooks.find((r) => r.id === form.dataset.paramForm)?.params ?? {});
      saved = Object.fromEntries(Object.entries(saved).filter(([n]) => !names.includes(n)));
      for (const n of names) delete typed[n];
      store(saved);
      update();
    });
  }
  update();
}
