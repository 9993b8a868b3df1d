import { quote } from './quote.js';

/** A reference to a runbook parameter inside a command template; rendered as its quoted value. */
export interface ParamRef {
  readonly kind: 'param';
  readonly name: string;
}

/** A value interpolated into a command: a parameter, or a literal that is quoted like any other value. */
export type TemplateValue = ParamRef | string | number;

/**
 * A command recorded from a zx-style tagged template (`sh\`helm upgrade … ${p.host}\``). Nothing runs when it is
 * created; {@link renderTemplate} joins the pieces with {@link quote}.
 */
export interface CommandTemplate {
  readonly kind: 'template';
  readonly parts: readonly string[];
  readonly values: readonly TemplateValue[];
}

const HOLE = '\u0000';

/**
 * Records a shell command. Leading/trailing blank lines and the common indentation are removed, so a multi-line
 * command can be written indented inside a runbook file and still render flush left.
 *
 * A value may itself be a template (a piece several runbooks share, runbooks/lib/): its text is spliced in as it is,
 * never quoted or re-indented, and its parameters stay parameters. A multi-line one must stand on lines of its own
 * (its hole alone on a line, unindented), since its lines are not re-indented to match.
 * @throws Error when a multi-line template is spliced into the middle of a line.
 */
export function sh(strings: TemplateStringsArray, ...values: (TemplateValue | CommandTemplate)[]): CommandTemplate {
  const parts = dedent(strings.raw.map(unescapeTemplate));
  const out: string[] = [parts[0] ?? ''];
  const flat: TemplateValue[] = [];
  values.forEach((value, i) => {
    const next = parts[i + 1] ?? '';
    if (typeof value === 'object' && value.kind === 'template') {
      const before = out[out.length - 1] ?? '';
      if (value.parts.join('').includes('\n') && (!/(^|\n)$/.test(before) || !/^(\n|$)/.test(next))) {
        throw new Error(
          `A multi-line template was spliced into the middle of a line (after ${JSON.stringify(before.slice(-30))}). ` +
            'Put its ${…} alone on a line, unindented.',
        );
      }
      out[out.length - 1] = before + (value.parts[0] ?? '');
      value.values.forEach((inner, j) => {
        flat.push(inner);
        out.push(value.parts[j + 1] ?? '');
      });
      out[out.length - 1] += next;
    } else {
      flat.push(value);
      out.push(next);
    }
  });
  return { kind: 'template', parts: out, values: flat };
}

/** Template literals in runbooks are read raw (so `\` line continuations survive); only `\``, `\$` and `\\` unescape. */
function unescapeTemplate(raw: string): string {
  return raw.replace(/\\([`$\\])/g, '$1');
}

function dedent(parts: readonly string[]): string[] {
  let lines = parts.join(HOLE).split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines = lines.slice(1);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines = lines.slice(0, -1);
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length)).trimEnd())
    .join('\n')
    .split(HOLE);
}

export function isParamRef(value: TemplateValue): value is ParamRef {
  return typeof value === 'object' && value.kind === 'param';
}

/** Names of the parameters a template refers to, in order of appearance. */
export function paramNames(template: CommandTemplate): string[] {
  return template.values.filter(isParamRef).map((v) => v.name);
}

/**
 * Joins a template into shell text. `resolve` gives the raw value of a parameter; every value goes through the one
 * {@link quote} rule.
 */
export function renderTemplate(template: CommandTemplate, resolve: (name: string) => string): string {
  let out = template.parts[0] ?? '';
  template.values.forEach((value, i) => {
    const raw = isParamRef(value) ? resolve(value.name) : String(value);
    out += quote(raw) + (template.parts[i + 1] ?? '');
  });
  return out;
}

/**
 * Parameters whose hole sits inside a '…' or "…" string of the template. The one quoting rule quotes a value on
 * its own, so inside quotes the reader would see (and bash would receive) stray quote characters. Heredoc bodies
 * and comments are not tracked; a hole there is rendered as a quoted word, which is what YAML and comments expect.
 */
export function paramsInsideQuotes(template: CommandTemplate): string[] {
  const found: string[] = [];
  let state: 'plain' | 'single' | 'double' = 'plain';
  template.parts.forEach((part, i) => {
    for (let k = 0; k < part.length; k++) {
      const c = part[k];
      if (state === 'single') {
        if (c === "'") state = 'plain';
      } else if (state === 'double') {
        if (c === '\\') k++;
        else if (c === '"') state = 'plain';
      } else if (c === '\\') k++;
      else if (c === "'") state = 'single';
      else if (c === '"') state = 'double';
      else if (c === '#' && (k === 0 || /\s/.test(part[k - 1] ?? ''))) {
        const eol = part.indexOf('\n', k);
        k = eol < 0 ? part.length : eol;
      }
    }
    const value = template.values[i];
    if (i < template.values.length && state !== 'plain' && value !== undefined && isParamRef(value)) {
      found.push(value.name);
    }
  });
  return found;
}

/**
 * Joins literal text and templates into one template, literals as they are (not quoted), templates with their
 * parameters kept, so the result renders and highlights like any other command.
 */
export function joinTemplates(pieces: readonly (string | CommandTemplate)[]): CommandTemplate {
  const parts: string[] = [''];
  const values: TemplateValue[] = [];
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      parts[parts.length - 1] += piece;
      continue;
    }
    parts[parts.length - 1] += piece.parts[0] ?? '';
    piece.values.forEach((value, i) => {
      values.push(value);
      parts.push(piece.parts[i + 1] ?? '');
    });
  }
  return { kind: 'template', parts, values };
}
