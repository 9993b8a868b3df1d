/**
 * The runbook model: what a runbook is, as data. A runbook file default-exports `defineRunbook({...})`; importing it
 * runs nothing. `parseRunbook` (schema.ts) checks a definition and returns it as a {@link Runbook}.
 */
import type { ParamDefs } from './params.js';
import type { CommandTemplate, ParamRef } from './template.js';

/** How much a step can hurt: `read` looks, `change` alters the cluster, `destructive` removes something. */
export const RISKS = ['read', 'change', 'destructive'] as const;
export type Risk = (typeof RISKS)[number];

/** Where a step runs: from the operator's workstation (the runner spawns it) or by hand on every node. */
export const STEP_TARGETS = ['workstation', 'each-node'] as const;
export type StepTarget = (typeof STEP_TARGETS)[number];

/** Tools a runbook needs on the workstation, checked before anything runs. */
export const TOOLS = ['kubectl', 'helm', 'kubeadm', 'cilium', 'hubble', 'curl', 'tar', 'sha256sum'] as const;
export type Tool = (typeof TOOLS)[number];

export const SCOPES = ['cluster', 'workstation'] as const;
export type RunbookScope = (typeof SCOPES)[number];

/** Parameter references handed to a step's command function: `({ apiServerHost }) => sh\`… ${apiServerHost}\``. */
export type ParamRefs<P extends ParamDefs> = { readonly [K in keyof P]: ParamRef };

export type CommandFn<P extends ParamDefs> = (params: ParamRefs<P>) => CommandTemplate;

/**
 * A check written into a step's text: a one-line shell test that exits 0 when the condition holds. There is no other
 * kind of check: the runner judges a step by its exit status alone, so nothing guards a run that the reader's copy
 * lacks.
 */
export interface CheckInput<P extends ParamDefs = ParamDefs> {
  /** Korean: what must hold, shown as `# 확인: …` above the test (e.g. 'KubeProxyReplacement가 True'). */
  readonly holds: string;
  /** One line of shell, read-only, exit 0 when `holds` is true. */
  readonly test: CommandFn<P>;
  /** Korean: printed to stderr after `확인 실패:` when it does not hold: what it means and what to do. */
  readonly otherwise: string;
}

/** A check after the command; with `wait`, the text retries it while the cluster converges. */
export interface EnsureInput<P extends ParamDefs = ParamDefs> extends CheckInput<P> {
  readonly wait?: { readonly attempts: number; readonly intervalSeconds: number };
}

/** The "already applied" test of a step (see {@link StepInput.alreadyDone}). */
export interface DoneInput<P extends ParamDefs = ParamDefs> {
  /** Korean: the state that makes the step unnecessary, as a phrase (e.g. 'Helm values에 kubeProxyReplacement: true가 있음'). */
  readonly holds: string;
  /** One line of shell, read-only, exit 0 when the state is in place. */
  readonly test: CommandFn<P>;
}

/**
 * Where a check sits: `requires` before everything, `skip` decides "already applied", `applied` waits after the
 * command for the done test of a change step, `ensures` after the command.
 */
export type CheckKind = 'requires' | 'skip' | 'applied' | 'ensures';

/** A check after validation: where it sits in the text, what it says and its test. */
export interface Check {
  readonly kind: CheckKind;
  readonly holds: string;
  readonly test: CommandTemplate;
  /** The stderr message when it fails (`확인 실패: …`); none for a skip test. */
  readonly otherwise?: string;
  readonly wait?: { readonly attempts: number; readonly intervalSeconds: number };
}

export interface StepInput<P extends ParamDefs = ParamDefs> {
  /** Stable kebab-case id: the page anchor, the CLI's `--from`/`--only` value and the transcript key. */
  readonly id: string;
  /** Korean title. */
  readonly title: string;
  /** Korean explanation: why this step exists and what it does. Plain text; blank lines separate paragraphs. */
  readonly explanation: string;
  readonly risk: Risk;
  /** The command, as a zx-style template. `each-node` steps are shown and confirmed, never spawned. */
  readonly command: CommandFn<P>;
  /** Default `workstation`. */
  readonly runOn?: StepTarget;
  /**
   * Preconditions, checked in the step's own text before anything else, so a block copied alone, `--from` and
   * `--only` stop here as a full run does (e.g. delete kube-proxy only while KPR is True).
   */
  readonly requires?: readonly CheckInput<P>[];
  /**
   * The step's effect is already in place: its text skips the command (`이미 적용됨`), so rerunning the script or
   * `run` changes nothing. For `change`/`destructive` steps the text also waits for it after the command (bounded), so
   * a command that exits 0 without effect fails the step.
   */
  readonly alreadyDone?: DoneInput<P>;
  /** Checks after the command, in the step's text (e.g. on the output it saved in a variable). */
  readonly ensures?: readonly EnsureInput<P>[];
  /** What the output looks like on Cilium 1.18.4 (shown on the page; illustrative). */
  readonly sampleOutput?: string;
  /** A command that reverses this step, shown on the page and by `show`. */
  readonly undo?: CommandFn<P>;
  /** Seconds before the runner ends the step (default 600). */
  readonly timeoutSeconds?: number;
}

export interface RunbookInput<P extends ParamDefs = ParamDefs> {
  /** kebab-case; equals the file name, the CLI argument and the page slug. */
  readonly id: string;
  /** Korean title. */
  readonly title: string;
  /** Korean one-paragraph summary. */
  readonly summary: string;
  /** The Cilium release this runbook was written and checked for. */
  readonly ciliumVersion: string;
  readonly requires: readonly Tool[];
  /**
   * What the runbook acts on. `cluster` (default): the run pins a kube context and checks the cluster first.
   * `workstation`: it only changes the operator's machine (e.g. installing a CLI), so no cluster is needed.
   */
  readonly scope?: RunbookScope;
  readonly params: P;
  /** Steps in order. */
  readonly steps: readonly StepInput<P>[];
  /** Read-only checks run after the steps; each must pass. */
  readonly verify: readonly StepInput<P>[];
  /** The id of the runbook that undoes this one. */
  readonly rollback?: string;
}

/** A step after validation, with its commands resolved to templates. */
export interface Step {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly risk: Risk;
  readonly runOn: StepTarget;
  readonly phase: 'step' | 'verify';
  /**
   * The whole text of the step: its guards and its command, as one template (src/runbook/guards.ts composes it).
   * What the page shows, the copy button copies, `print` writes and `run` spawns.
   */
  readonly command: CommandTemplate;
  /** Every check the text makes, in order; each `test` appears verbatim in `command` (a test holds the model to it). */
  readonly checks: readonly Check[];
  /**
   * When the step can be skipped: the lines of `command` that decide it (its preconditions, then the done test), as
   * one script that exits 0 exactly when the text would print `이미 적용됨`. The runner runs it before asking consent.
   */
  readonly skipProbe?: CommandTemplate;
  readonly sampleOutput?: string;
  readonly undo?: CommandTemplate;
  readonly timeoutSeconds: number;
}

/** A validated runbook: steps and verification in one ordered list (`phase` tells them apart). */
export interface Runbook {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly ciliumVersion: string;
  readonly requires: readonly Tool[];
  readonly scope: RunbookScope;
  readonly params: ParamDefs;
  readonly steps: readonly Step[];
  readonly rollback?: string;
}
