/**
 * Validation of runbook definitions. One loader for the build, the CLI and the tests: an invalid definition fails
 * each of them with the same message, naming the runbook and the field path.
 */
import { z } from 'zod';
import { RunbookDefinitionError } from './errors.js';
import { composeStep, DONE_WAIT } from './guards.js';
import type { Check, CommandFn, Runbook, Step, StepInput } from './model.js';
import { RISKS, SCOPES, STEP_TARGETS, TOOLS } from './model.js';
import type { ParamDef, ParamDefs } from './params.js';
import { admitsLineBreak, PARAM_TYPES, validateParamValue } from './params.js';
import { quote } from './quote.js';
import type { CommandTemplate, ParamRef } from './template.js';
import { paramNames, paramsInsideQuotes } from './template.js';

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const HANGUL = /[\uAC00-\uD7A3]/;

const korean = (what: string) =>
  z.string().trim().min(1, `${what} is empty`).regex(HANGUL, `${what} must be written in Korean`);
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const ParamSchema = z
  .object({
    type: z.enum(PARAM_TYPES),
    label: korean('label'),
    description: korean('description'),
    default: z.string().optional(),
    example: z.string().optional(),
    values: z.array(z.string()).nonempty().optional(),
    pattern: z.instanceof(RegExp).optional(),
    secret: z.boolean().optional(),
    detect: z
      .object({
        command: z.custom<CommandTemplate>(isTemplate, 'must be a sh`…` template'),
        parse: z.custom<(stdout: string) => string | undefined>((v) => typeof v === 'function', 'must be a function'),
        description: korean('description'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.type === 'enum' && !p.values) ctx.addIssue({ code: 'custom', message: 'an enum parameter needs "values"' });
    if (p.default === undefined && p.example === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs a "default" or an "example" so pages and print can show a value',
      });
    }
    for (const key of ['default', 'example'] as const) {
      const v = p[key];
      const problem = v === undefined ? undefined : validateParamValue(p, v);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: `"${v}" ${problem}` });
    }
  });

const CheckSchema = z.object({ holds: korean('holds'), test: fn, otherwise: korean('otherwise') }).strict();
const EnsureSchema = CheckSchema.extend({
  wait: z
    .object({ attempts: z.number().int().min(2).max(120), intervalSeconds: z.number().int().min(1).max(60) })
    .strict()
    .optional(),
}).strict();

const StepSchema = z
  .object({
    id: z.string().regex(KEBAB, 'must be kebab-case, e.g. "helm-upgrade"'),
    title: korean('title'),
    explanation: korean('explanation'),
    risk: z.enum(RISKS),
    command: fn,
    runOn: z.enum(STEP_TARGETS).optional(),
    expect: z
      .never({
        invalid_type_error:
          'was removed: the runner holds no check of its own. Write the check into the text with "ensures" ' +
          '(a one-line test on the output saved in a variable), so a reader who copies the block is protected too',
      })
      .optional(),
    requires: z.array(CheckSchema).optional(),
    alreadyDone: z
      .object({ holds: korean('holds'), test: fn })
      .strict()
      .optional(),
    ensures: z.array(EnsureSchema).optional(),
    sampleOutput: z.string().optional(),
    undo: fn.optional(),
    timeoutSeconds: z.number().int().positive().max(3600).optional(),
  })
  .strict();

const RunbookSchema = z
  .object({
    id: z.string().regex(KEBAB, 'must be kebab-case, e.g. "kpr-enable"'),
    title: korean('title'),
    summary: korean('summary'),
    ciliumVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a release such as 1.18.4'),
    requires: z.array(z.enum(TOOLS)),
    scope: z.enum(SCOPES).optional(),
    params: z.record(z.string().regex(CAMEL, 'parameter names are camelCase'), ParamSchema),
    steps: z.array(StepSchema).nonempty('a runbook needs at least one step'),
    verify: z.array(StepSchema),
    rollback: z.string().regex(KEBAB).optional(),
  })
  .strict();

const UNSAFE = [' ', "'", '"', '$', '`', ';', '&', '|', '\\', '\n', '*', '(', ')', '<', '>', '!'];

/** Whether some valid value of this parameter would be rendered quoted (so it must not sit inside quotes). */
function mayNeedQuoting(def: ParamDef): boolean {
  if (def.type === 'enum') return (def.values ?? []).some((v) => quote(v) !== v);
  if (def.type !== 'string') return false; // host, port, version and cidr values are shell-safe words
  return UNSAFE.some((c) => [`a${c}b`, c, `a${c}`, `${c}a`].some((v) => validateParamValue(def, v) === undefined));
}

function isTemplate(v: unknown): v is CommandTemplate {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'template';
}

function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key),
    '',
  );
}

/** Calls a command function with references that reject parameters the runbook does not declare. */
function resolveCommand(
  command: CommandFn<ParamDefs>,
  params: ParamDefs,
  where: string,
  issues: string[],
): CommandTemplate | undefined {
  const refs = new Proxy({} as Record<string, ParamRef>, {
    get: (_t, name) => ({ kind: 'param', name: String(name) }),
  });
  let template: unknown;
  try {
    template = command(refs);
  } catch (error) {
    issues.push(`${where}: the command function threw: ${(error as Error).message}`);
    return undefined;
  }
  if (!isTemplate(template)) {
    issues.push(`${where}: must return a sh\`…\` template`);
    return undefined;
  }
  for (const name of paramsInsideQuotes(template).filter((n) => params[n] && mayNeedQuoting(params[n]))) {
    issues.push(
      `${where}: parameter "${name}" is inside quotes; write it bare — the renderer quotes every value itself`,
    );
  }
  for (const name of paramNames(template)) {
    if (!(name in params)) {
      const known = Object.keys(params).join(', ') || '(none)';
      issues.push(`${where}: refers to parameter "${name}", which is not declared. Declared: ${known}`);
    }
  }
  return template;
}

/** The step's checks in text order, each test resolved and held to one line. */
function resolveChecks(s: StepInput<ParamDefs>, params: ParamDefs, where: string, issues: string[]): Check[] {
  const checks: Check[] = [];
  const add = (kind: Check['kind'], path: string, holds: string, fnc: CommandFn<ParamDefs>, extra: Partial<Check>) => {
    const test = resolveCommand(fnc, params, path, issues);
    if (!test) return;
    if (test.parts.join('').includes('\n')) {
      issues.push(`${path}: a check's test must be one line (it is written after "if" and before "||")`);
      return;
    }
    checks.push({ kind, holds, test, ...extra });
  };
  for (const [i, c] of (s.requires ?? []).entries()) {
    add('requires', `${where}.requires[${i}].test`, c.holds, c.test, { otherwise: c.otherwise });
  }
  if (s.alreadyDone) {
    add('skip', `${where}.alreadyDone.test`, s.alreadyDone.holds, s.alreadyDone.test, {});
    if (s.risk !== 'read') {
      add('applied', `${where}.alreadyDone.test`, s.alreadyDone.holds, s.alreadyDone.test, {
        otherwise: `명령은 끝났지만 적용되지 않았습니다(${s.alreadyDone.holds}). 위 출력을 확인하세요.`,
        wait: DONE_WAIT,
      });
    }
  }
  for (const [i, c] of (s.ensures ?? []).entries()) {
    add('ensures', `${where}.ensures[${i}].test`, c.holds, c.test, {
      otherwise: c.otherwise,
      ...(c.wait && { wait: c.wait }),
    });
  }
  return checks;
}

/**
 * Validates a runbook definition and returns the model the renderer and runner use.
 * @throws RunbookDefinitionError naming the runbook and each bad field.
 */
export function parseRunbook(input: unknown, expectedId?: string): Runbook {
  const label = expectedId ?? String((input as { id?: unknown } | null)?.id ?? '(unknown)');
  const parsed = RunbookSchema.safeParse(input);
  if (!parsed.success) {
    throw new RunbookDefinitionError(
      label,
      parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  const def = parsed.data;
  const issues: string[] = [];
  if (expectedId !== undefined && def.id !== expectedId) {
    issues.push(`id: is "${def.id}" but the file is registered as "${expectedId}"; they must be equal`);
  }
  const params = def.params as ParamDefs;
  for (const [name, p] of Object.entries(params).filter(([, p]) => admitsLineBreak(p))) {
    issues.push(
      `params.${name}: ${p.type === 'enum' ? 'a value contains' : 'the pattern admits'} a line break; a value must be ` +
        'one line (list the allowed characters, e.g. /^[A-Za-z0-9._-]+$/)',
    );
  }
  const steps: Step[] = [];
  const seen = new Set<string>();
  const phases = [
    ['steps', def.steps, 'step'],
    ['verify', def.verify, 'verify'],
  ] as const;
  for (const [key, list, phase] of phases) {
    list.forEach((raw, index) => {
      const s = raw as unknown as StepInput<ParamDefs>;
      const where = `${key}[${index}]`;
      if (seen.has(s.id)) issues.push(`${where}.id: "${s.id}" is used twice; step ids must be unique in a runbook`);
      seen.add(s.id);
      if (phase === 'verify' && s.risk === 'destructive') {
        issues.push(`${where}.risk: verification steps cannot be "destructive"`);
      }
      const command = resolveCommand(s.command, params, `${where}.command`, issues);
      const checks = resolveChecks(s, params, where, issues);
      const undo = s.undo && resolveCommand(s.undo, params, `${where}.undo`, issues);
      if (!command) return;
      if ((s.runOn ?? 'workstation') === 'each-node' && checks.length > 0) {
        issues.push(`${where}: an each-node step is shown, never spawned, so it cannot carry checks; add a read step`);
      }
      const composed = composeStep(command, checks);
      steps.push({
        id: s.id,
        title: s.title,
        explanation: s.explanation,
        risk: s.risk,
        runOn: s.runOn ?? 'workstation',
        phase,
        command: composed.command,
        checks,
        ...(composed.skipProbe && { skipProbe: composed.skipProbe }),
        ...(s.sampleOutput !== undefined && { sampleOutput: s.sampleOutput }),
        ...(undo && { undo }),
        timeoutSeconds: s.timeoutSeconds ?? 600,
      });
    });
  }
  for (const [name, p] of Object.entries(params)) {
    if (p.detect) {
      for (const ref of paramNames(p.detect.command)) {
        issues.push(`params.${name}.detect.command: a detector cannot use parameters (found "${ref}")`);
      }
    }
  }
  if (issues.length > 0) throw new RunbookDefinitionError(label, issues);
  return {
    id: def.id,
    title: def.title,
    summary: def.summary,
    ciliumVersion: def.ciliumVersion,
    requires: def.requires,
    scope: def.scope ?? 'cluster',
    params,
    steps,
    ...(def.rollback !== undefined && { rollback: def.rollback }),
  };
}
