/**
 * Every sentence the CLI prints, in one place (step titles come from the runbooks, in Korean).
 * Style: what happened, why, what to do; say what state the cluster is in; no "Error:" prefix (the printer adds it).
 */
import type { BuildInfo } from '../runner/events.js';
import type { StepQuestion } from '../runner/ports.js';
import { EXIT_CODE_TABLE } from './exit-codes.js';

/** Commands as `runbook --help` lists them: [usage, key of messages.cmd]. */
export const TOP_LEVEL_COMMANDS = [
  ['list [options]', 'list'],
  ['show [options] <id>', 'show'],
  ['print [options] <id>', 'print'],
  ['run [options] <id>', 'run'],
  ['completion <shell>', 'completion'],
] as const;

export const messages = {
  description:
    "Run the Cilium 1.18.4 guide's procedures (runbooks) against the cluster of your kube context, step by step.",
  helpFooter: () =>
    [
      '',
      'Examples:',
      '  $ npx runbook list',
      '  $ npx runbook show kpr-enable                    # steps, risks and parameters',
      '  $ npx runbook print kpr-enable > kpr.sh          # the exact script the guide shows',
      '  $ npx runbook run kpr-enable --dry-run           # the plan; runs nothing',
      '  $ npx runbook run kpr-enable                     # asks before changing anything',
      '  $ npx runbook run kpr-enable --from helm-upgrade # resume after a failure',
      '',
      'Safety:',
      '  run shows the kube context and API server and asks before the first change; destructive steps',
      '  ask again. Without a TTY nothing is changed unless --yes is given. Every command runs with',
      '  KUBECONFIG pinned to the chosen context, so switching contexts elsewhere cannot redirect a run.',
      '',
      'Exit codes:',
      ...EXIT_CODE_TABLE.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`),
      '',
      'Environment: NO_COLOR disables colour; KUBECONFIG selects the kubeconfig as for kubectl.',
      'Guide: https://docs.cilium.io/en/v1.18/ is the upstream reference for every command.',
    ].join('\n'),

  /** `runbook --help`: the same descriptions commander shows, without loading it (test/cli checks they agree). */
  topLevelHelp: () =>
    [
      'Usage: runbook [options] [command]',
      '',
      messages.description,
      '',
      'Options:',
      `  -V, --version         ${messages.version.option}`,
      '  -h, --help            display help for command',
      '',
      'Commands:',
      ...TOP_LEVEL_COMMANDS.map(([usage, key]) => `  ${usage.padEnd(22)}${messages.cmd[key]}`),
      '  help [command]        display help for command',
      `${messages.helpFooter()}\n`,
    ].join('\n'),

  cmd: {
    list: 'List the runbooks',
    show: 'Show a runbook: parameters, steps with their risk, verification and rollback',
    print: 'Print a runbook as one bash script: exactly the text the guide page shows and copies',
    run: 'Run a runbook against the cluster of the current (or given) kube context',
    completion: 'Print a shell completion script: source <(npx runbook completion bash)',
  },
  opt: {
    param: 'set a parameter, e.g. --param apiServerHost=10.0.0.10 (repeatable)',
    dryRun: 'print the plan and every command; spawn nothing',
    yes: 'consent in advance to change steps and node steps (needed without a TTY)',
    confirm: 'consent in advance to destructive steps on exactly this context (needed without a TTY)',
    from: 'start at this step (resume after a failure)',
    only: 'run only these steps (repeatable or comma-separated)',
    context: 'kube context to use (default: the current context)',
    json: 'write events as JSON lines on stdout (for CI); human output is suppressed',
  },

  badParam: (raw: string) => `--param expects name=value, got "${raw}".`,
  exampleValuesUsed: (names: string[]) =>
    `Note: example values used for ${names.join(', ')}; pass --param to print your own.`,
  noRunbooks: 'No runbooks are defined.',

  plan: {
    header: 'Plan',
    dryRunNote: 'Dry run: nothing was spawned. Parameters marked <…> are detected from the cluster at run time.',
    detectedAtRunTime: (description: string) => `detected at run time: ${description}`,
    manual: 'by hand on every node',
  },
  target: {
    context: 'Context',
    cluster: 'Cluster',
    server: 'Server',
    cilium: 'Cilium',
    kpr: 'KPR',
    nodes: (n: number) => `${n} node${n === 1 ? '' : 's'}`,
    unknown: 'not found',
    transcript: 'Transcript',
    target: 'Target',
    workstation: 'this workstation only (no cluster is read or changed)',
  },
  prompt: {
    approveChange: (q: StepQuestion) =>
      `Step ${q.index}/${q.total} ${q.step} changes the cluster of context "${q.context}" (${q.server}). Run it?`,
    approveDestructive: (q: StepQuestion) =>
      `Step ${q.index}/${q.total} ${q.step} is destructive. Type the context name "${q.context}" to run it (anything else stops):`,
    nodeStep: (step: string) =>
      `Step ${step} must be run by hand as root on every node (command above). Has it been done on every node?`,
  },
  step: {
    skippedDone: 'already done; skipped',
    skippedNode: 'node step acknowledged (run it on every node yourself)',
    ok: (seconds: string) => `done (${seconds}s)`,
    checkFailed: (what: string) => `check failed: ${what}`,
    failed: (code: number | null) => `exited with ${code ?? 'no code'}`,
    timedOut: 'timed out and was stopped',
    checkRetry: (attempt: number) => `the change has not shown its effect yet (check ${attempt}); checking again`,
    interrupted: 'interrupted and was stopped',
  },
  result: {
    succeeded: (runbook: string, n: number) => `${runbook}: all ${n} step${n === 1 ? '' : 's'} done.`,
    refusedNoTTY:
      'This run changes the cluster, and there is no terminal to ask for consent. Nothing was changed. ' +
      'Run it in a terminal, or pass --yes to consent in advance.',
    refusedNoConfirm: (context: string) =>
      `This run includes a destructive step, and there is no terminal to type the context name. Nothing was changed. ` +
      `Pass --confirm=${context} to consent in advance for this context.`,
    refusedMismatch: (given: string, context: string) =>
      `--confirm names "${given}", but this run targets context "${context}". Nothing was changed. ` +
      'Check which cluster you mean; pass --context to choose another one.',
    declined: 'You declined. Nothing after this point was run.',
    aborted: (reason: string) => `${reason} The run stopped before the next change; nothing after it ran.`,
    lockHeld: (message: string) =>
      `${message} Nothing was run. Wait for it to finish; if that process is gone, run again and the stale lock is taken over.`,
    failed: (runbook: string, step: string) => `${runbook} stopped: step ${step} failed.`,
    interrupted: (runbook: string) => `${runbook} was interrupted.`,
    done: (ids: readonly string[]) => `Done: ${ids.length > 0 ? ids.join(', ') : '(none)'}`,
    notRun: (ids: readonly string[]) => `Not run: ${ids.length > 0 ? ids.join(', ') : '(none)'}`,
    resume: 'Resume after fixing the cause:',
    rollback: 'To undo what was done:',
    lastOutput: 'Last output:',
  },
  preflight: {
    toolVersion: (problems: string[]) => `${problems.join('; ')}. Nothing was run.`,
    missingTools: (tools: string[]) =>
      `Required tool${tools.length === 1 ? '' : 's'} not found on PATH: ${tools.join(', ')}. Nothing was run.`,
    missingToolsHint: "Install them (see the guide's prerequisites) and try again.",
  },
  internal: 'This is a bug in runbook. Please report it with the command you ran and the output above.',

  // runbook --version (issue 15): Korean for a Korean locale, English otherwise.
  version: {
    option: "output the version (runbook, the guide's Cilium release, commit)",
    text: (b: BuildInfo, env: Readonly<Record<string, string | undefined>>) =>
      koreanLocale(env)
        ? `runbook ${b.version} (Cilium ${b.ciliumVersion} 가이드, 커밋 ${b.commit === 'unknown' ? '알 수 없음' : b.commit})\n`
        : `runbook ${b.version} (guide for Cilium ${b.ciliumVersion}, commit ${b.commit})\n`,
  },
} as const;

/** The locale the C library would use for messages: LC_ALL, else LC_MESSAGES, else LANG (e.g. ko_KR.UTF-8). */
export function koreanLocale(env: Readonly<Record<string, string | undefined>>): boolean {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(_|$|\.|-)/i.test(locale);
}
