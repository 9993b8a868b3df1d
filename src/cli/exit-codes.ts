/** Exit codes, in one place. `--help` prints this table. */
export const ExitCode = {
  ok: 0,
  stepFailed: 1,
  usage: 2,
  refused: 3,
  preflight: 4,
  aborted: 5,
  internal: 70,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODE_TABLE: readonly (readonly [ExitCodeValue, string])[] = [
  [ExitCode.ok, 'done: every selected step ran (or was already done) and passed its check'],
  [ExitCode.stepFailed, 'a step or its check failed; the steps before it ran, the rest did not'],
  [ExitCode.usage, 'usage: unknown runbook, step, parameter or flag, or an invalid value; nothing ran'],
  [
    ExitCode.refused,
    'refused: no TTY without --yes/--confirm, --confirm names another context, you declined, or another run holds the context; nothing after that point ran',
  ],
  [
    ExitCode.preflight,
    'preflight: a tool is missing, the context is unknown or the cluster is unreachable; nothing ran',
  ],
  [
    ExitCode.aborted,
    'aborted: the kube context or its API server changed during the run; stopped before the next change',
  ],
  [ExitCode.internal, 'internal error or invalid runbook definition (a bug: please report it)'],
  [ExitCode.interrupted, 'interrupted (Ctrl-C): the running step was stopped'],
];
