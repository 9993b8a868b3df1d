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
  /** The step fails unless its stdout matches. Match stable parts only (1.18 output varies in spacing). */
  readonly expect?: { readonly pattern: RegExp; readonly description: string };
  /** What the output looks like on Cilium 1.18.4 (shown on the page; illustrative). */
  readonly sampleOutput?: string;
  /** A read-only probe that exits 0 when the step's effect is already in place; the runner then skips the step. */
  readonly alreadyDone?: { readonly command: CommandFn<P>; readonly description: string };
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
  readonly command: CommandTemplate;
  readonly expect?: { readonly pattern: RegExp; readonly description: string };
  readonly sampleOutput?: string;
  readonly alreadyDone?: { readonly command: CommandTemplate; readonly description: string };
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
