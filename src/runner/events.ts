/**
 * What happens during a run, as data. The human view, `--json` and transcripts are formatters over these events.
 */
import type { Risk, StepTarget } from '../runbook/model.js';

/** The cluster a run is pinned to, as shown to the operator before any change. */
export interface Target {
  readonly context: string;
  readonly cluster: string;
  readonly server: string;
  readonly nodes: number;
  /** e.g. "1.18.4"; undefined when no cilium DaemonSet was found. */
  readonly ciliumVersion?: string;
  /** The agent's configured kube-proxy-replacement ("true"/"false"); undefined when unknown. */
  readonly kubeProxyReplacement?: string;
}

/** Which runbook build ran (`runbook --version`): recorded in the run-started event of transcripts and --json. */
export interface BuildInfo {
  readonly version: string;
  /** The Cilium release the guide is written for, e.g. "1.18.4". */
  readonly ciliumVersion: string;
  /** The git commit the CLI was bundled from, or "unknown". */
  readonly commit: string;
}

export type StepStatus = 'ok' | 'failed' | 'timed-out' | 'interrupted' | 'check-failed';
export type SkipReason = 'already-done' | 'node-step-acknowledged';
export type RunStatus = 'succeeded' | 'failed' | 'refused' | 'interrupted' | 'aborted';

export type RunEvent =
  | {
      readonly kind: 'run-started';
      readonly runbook: string;
      readonly params: Readonly<Record<string, string>>;
      readonly target: Target;
      readonly steps: readonly string[];
      readonly build?: BuildInfo;
    }
  | {
      readonly kind: 'step-started';
      readonly step: string;
      readonly index: number;
      readonly total: number;
      readonly title: string;
      readonly risk: Risk;
      readonly runOn: StepTarget;
      readonly command: string;
    }
  /** Consent given (if needed): the command is being spawned now. */
  | { readonly kind: 'step-running'; readonly step: string }
  | { readonly kind: 'step-output'; readonly step: string; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'step-skipped'; readonly step: string; readonly reason: SkipReason }
  | {
      readonly kind: 'step-finished';
      readonly step: string;
      readonly status: StepStatus;
      readonly exitCode: number | null;
      readonly durationMs: number;
      readonly detail?: string;
    }
  | {
      readonly kind: 'run-finished';
      readonly status: RunStatus;
      readonly completed: readonly string[];
      readonly failed?: string;
      readonly notRun: readonly string[];
      readonly reason?: string;
    };

export type EventSink = (event: RunEvent) => void;
