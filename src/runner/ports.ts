/**
 * The runner's ports: the only ways policy code touches the outside world. Real adapters live in `node/`;
 * tests use fakes. Keep this list short.
 */

export type Role = 'command' | 'probe' | 'detect';

export interface SpawnRequest {
  /** Exact shell text; bash receives it unchanged as its `-c` argument. */
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** For transcripts and the simulated cluster's call log (exported as RUNBOOK_STEP / RUNBOOK_ROLE). */
  readonly stepId: string;
  readonly role: Role;
  /** Live output, in the order it arrives. */
  readonly onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
}

/** A finished process. A non-zero exit is data, not an exception. */
export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The end of the output (the real runner keeps the last 1 MiB of each stream; all of it went to `onOutput`). */
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  readonly timedOut: boolean;
  readonly interrupted: boolean;
}

export interface ProcessRunner {
  run(request: SpawnRequest): Promise<ProcessResult>;
}

/** What the operator is asked. Adapters word the questions (src/cli/messages.ts); the runner only decides when. */
export interface Prompter {
  /** A step that changes the cluster: y/N. The target is part of the question. */
  approveChange(request: StepQuestion): Promise<boolean>;
  /** A destructive step: true only if the operator types the context name exactly. */
  approveDestructive(request: StepQuestion): Promise<boolean>;
  /** A step the operator runs by hand on every node: has it been done? */
  confirmNodeStep(request: StepQuestion): Promise<boolean>;
}

export interface StepQuestion {
  readonly step: string;
  readonly index: number;
  readonly total: number;
  readonly title: string;
  readonly context: string;
  readonly server: string;
  readonly command: string;
}
