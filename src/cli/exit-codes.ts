/** Exit codes, in one place. `--help` prints them with their descriptions (messages.exitCodes). */
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
