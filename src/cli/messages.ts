/**
 * Every sentence the CLI prints, in one place (step titles come from the runbooks, in Korean), in two catalogues:
 * English, and Korean for a Korean locale (LC_ALL, LC_MESSAGES or LANG starting with `ko`, in that order of
 * precedence, as gettext reads them). `selectLocale(env)` picks one at start-up; test/cli checks both have the same keys.
 * Style: what happened, why, what to do; say what state the cluster is in; no "Error:" prefix (the printer adds it).
 */
import type { BuildInfo } from '../runner/events.js';
import type { StepQuestion } from '../runner/ports.js';
import { ExitCode } from './exit-codes.js';

type ExitCodeName = keyof typeof ExitCode;
const exitCodeTable = (texts: Readonly<Record<ExitCodeName, string>>): string[] =>
  (Object.keys(ExitCode) as ExitCodeName[]).map((name) => `  ${String(ExitCode[name]).padStart(3)}  ${texts[name]}`);

/** Commands as `runbook --help` lists them: [usage, key of messages.cmd]. */
export const TOP_LEVEL_COMMANDS = [
  ['list [options]', 'list'],
  ['show [options] <id>', 'show'],
  ['print [options] <id>', 'print'],
  ['run [options] <id>', 'run'],
  ['completion <shell>', 'completion'],
] as const;

const en = {
  description:
    "Run the Cilium 1.18.4 guide's procedures (runbooks) against the cluster of your kube context, step by step.",
  helpFooter: (): string =>
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
      ...exitCodeTable(en.exitCodes),
      '',
      'Environment: NO_COLOR disables colour; KUBECONFIG selects the kubeconfig as for kubectl.',
      'Guide: https://docs.cilium.io/en/v1.18/ is the upstream reference for every command.',
    ].join('\n'),

  /** `runbook --help`: the same descriptions commander shows, without loading it (test/cli checks they agree). */
  topLevelHelp: (): string =>
    [
      'Usage: runbook [options] [command]',
      '',
      en.description,
      '',
      'Options:',
      `  -V, --version         ${en.version.option}`,
      '  -h, --help            display help for command',
      '',
      'Commands:',
      ...TOP_LEVEL_COMMANDS.map(([usage, key]) => `  ${usage.padEnd(22)}${en.cmd[key]}`),
      '  help [command]        display help for command',
      `${en.helpFooter()}\n`,
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

  show: {
    requires: 'Requires',
    parameters: 'Parameters',
    none: '(none)',
    byDefault: (value: string) => `default ${value}`,
    forExample: (value: string) => `e.g. ${value}`,
    detected: (description: string) => `detected from the cluster: ${description}`,
    steps: 'Steps',
    verification: 'Verification',
    byHand: '[by hand on every node]',
    /** The checks written into a step's text, by where they sit (src/runbook/guards.ts). */
    checkKinds: {
      requires: (holds: string) => `requires: ${holds}`,
      skip: (holds: string) => `skipped when: ${holds}`,
      ensures: (holds: string) => `checks: ${holds}`,
    },
    rollback: 'Rollback',
  },
  list: {
    steps: (n: number) => `${n} steps`,
    destructive: (n: number) => `${n} destructive`,
  },
  plan: {
    parameters: 'Parameters',
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
    lockHeld: (runbook: string, pid: number, since: string, context: string, server: string) =>
      `Another run (${runbook}, pid ${pid}, since ${since}) is using context "${context}" on the same cluster (${server}). ` +
      'Nothing was run. Wait for it to finish; if that process is gone, run again and the stale lock is taken over.',
    lockOrphan: (runbook: string, context: string, server: string, groups: readonly number[]) =>
      `A step of an earlier run (${runbook} on context "${context}", ${server}) is still running without its runner ` +
      `(process group ${groups.join(', ')}): the runner was killed. Nothing was run. Let it finish, or end it with ` +
      `${groups.map((g) => `"kill -- -${g}"`).join(' and ')}, then run again.`,
    transcriptFailed: (reason: string, path: string) =>
      `The transcript could not be written (${path}: ${reason}), so the run stopped before the next step; nothing after it ran. ` +
      'Free space or fix the folder (or set RUNBOOK_STATE_DIR), check the cluster, then resume:',
    failed: (runbook: string, step: string) => `${runbook} stopped: step ${step} failed.`,
    interrupted: (runbook: string) => `${runbook} was interrupted.`,
    interruptedBeforeStart: (runbook: string) => `${runbook} was interrupted before its first step. Nothing was run.`,
    done: (ids: readonly string[]) => `Done: ${ids.length > 0 ? ids.join(', ') : '(none)'}`,
    notRun: (ids: readonly string[]) => `Not run: ${ids.length > 0 ? ids.join(', ') : '(none)'}`,
    resume: 'Resume after fixing the cause:',
    rollback: 'To undo what was done:',
    lastOutput: 'Last output:',
  },
  preflight: {
    kubeconfigMissing: (files: readonly string[]) =>
      `No kubeconfig file found: ${files.join(', ')} ${files.length === 1 ? 'does' : 'do'} not exist${files.length === 1 ? '' : ' (KUBECONFIG)'}. Nothing was run.`,
    kubeconfigHint: 'Point KUBECONFIG at your kubeconfig file (e.g. export KUBECONFIG=~/.kube/config) and run again.',
    toolVersion: (problems: string[]) => `${problems.join('; ')}. Nothing was run.`,
    missingTools: (tools: string[]) =>
      `Required tool${tools.length === 1 ? '' : 's'} not found on PATH: ${tools.join(', ')}. Nothing was run.`,
    missingToolsHint: "Install them (see the guide's prerequisites) and try again.",
  },
  pin: {
    noCurrentContext: 'No current kube context is set.',
    noCurrentContextHint: 'Pass --context <name> or run "kubectl config use-context <name>". Nothing was run.',
    contextUnreadable: (context: string) => `The kube context "${context}" could not be read from your kubeconfig.`,
    contextUnreadableHint: 'List contexts with "kubectl config get-contexts". Nothing was run.',
    noServer: (context: string) => `The kube context "${context}" has no cluster or API server address.`,
    unauthorized: (context: string, server: string) =>
      `The cluster of context "${context}" (${server}) refused the credentials of that context (HTTP 401 Unauthorized): they are missing, expired or revoked.`,
    unauthorizedHint:
      'Log in again or refresh the credentials (e.g. your cloud CLI\'s get-credentials command, or kubelogin); "kubectl get nodes" must work first. Nothing was run.',
    unreachable: (context: string, server: string) => `The cluster of context "${context}" (${server}) did not answer.`,
    unreachableHint:
      'Check the API server address, your network/VPN and credentials: "kubectl get nodes" must work first. Nothing was run.',
  },
  env: {
    reason: (code: string): string =>
      ({
        EACCES: 'permission denied',
        EPERM: 'operation not permitted',
        ENOSPC: 'No space left on the device',
        EDQUOT: 'disk quota exceeded',
        EROFS: 'the file system is read-only',
        ENOTDIR: 'a file is in the way: it is not a folder',
        EEXIST: 'a file is in the way: it is not a folder',
        EISDIR: 'a folder is in the way: it is not a file',
      })[code] ?? code,
    stateDir: (path: string, reason: string) =>
      `The runbook state folder cannot be written: ${path}: ${reason}. Nothing was run.`,
    stateDirHint: (root: string) =>
      `Transcripts, locks and the private kubeconfig copy live in ${root}. Free space or fix its permissions, or set RUNBOOK_STATE_DIR to a writable folder, and run again.`,
  },
  unknown: {
    runbook: (id: string, suggestion: string | undefined, ids: readonly string[]) =>
      suggestion
        ? `Unknown runbook "${id}". Did you mean ${suggestion}? ("npx runbook list" shows all ${ids.length}.)`
        : `Unknown runbook "${id}". Runbooks: ${ids.join(', ')}.`,
    step: (id: string, runbook: string, suggestion: string | undefined, ids: readonly string[]) =>
      suggestion
        ? `Unknown step "${id}" in ${runbook}. Did you mean ${suggestion}? ("npx runbook show ${runbook}" lists the steps.)`
        : `Unknown step "${id}" in ${runbook}. Steps: ${ids.join(', ')}.`,
    param: (name: string, runbook: string, suggestion: string | undefined, names: readonly string[]) =>
      suggestion
        ? `Unknown parameter "${name}" for ${runbook}. Did you mean ${suggestion}?`
        : `Unknown parameter "${name}" for ${runbook}. Parameters: ${names.join(', ') || '(none)'}.`,
  },
  exitCodes: {
    ok: 'done: every selected step ran (or was already done) and passed its check',
    stepFailed: 'a step or its check failed; the steps before it ran, the rest did not',
    usage: 'usage: unknown runbook, step, parameter or flag, or an invalid value; nothing ran',
    refused:
      'refused: no TTY without --yes/--confirm, --confirm names another context, you declined, or another run holds the cluster; nothing after that point ran',
    preflight:
      'preflight: a tool or the kubeconfig is missing, the context is unknown, the cluster is unreachable or refuses the credentials, or the state folder cannot be written; nothing ran',
    aborted:
      'aborted: the kube context or its API server changed, or the transcript could not be written, during the run; stopped before the next step',
    internal: 'internal error or invalid runbook definition (a bug: please report it)',
    interrupted: 'interrupted (Ctrl-C, SIGTERM or a closed terminal): the running step was stopped',
  },
  errorPrefix: 'error:',
  internal: 'This is a bug in runbook. Please report it with the command you ran and the output above.',

  // runbook --version (issue 15)
  version: {
    option: "output the version (runbook, the guide's Cilium release, commit)",
    text: (b: BuildInfo): string => `runbook ${b.version} (guide for Cilium ${b.ciliumVersion}, commit ${b.commit})\n`,
  },
};

export type Messages = typeof en;

const ko: Messages = {
  description: 'Cilium 1.18.4 가이드의 절차(런북)를 kube 컨텍스트의 클러스터에 단계별로 실행합니다.',
  helpFooter: (): string =>
    [
      '',
      '예:',
      '  $ npx runbook list',
      '  $ npx runbook show kpr-enable                    # 단계, 위험도, 매개변수',
      '  $ npx runbook print kpr-enable > kpr.sh          # 가이드에 나오는 스크립트 그대로',
      '  $ npx runbook run kpr-enable --dry-run           # 계획만 출력하고 아무것도 실행하지 않음',
      '  $ npx runbook run kpr-enable                     # 변경하기 전에 확인을 받음',
      '  $ npx runbook run kpr-enable --from helm-upgrade # 실패한 뒤 이어서 실행',
      '',
      '안전장치:',
      '  run은 kube 컨텍스트와 API 서버를 보여 주고 첫 변경 전에 확인을 받습니다. 파괴적인 단계는 한 번 더',
      '  확인합니다. 터미널이 없으면 --yes 없이는 아무것도 바꾸지 않습니다. 모든 명령은 선택한 컨텍스트에',
      '  고정된 KUBECONFIG로 실행되므로, 다른 곳에서 컨텍스트를 바꿔도 실행 중인 작업의 대상은 바뀌지 않습니다.',
      '',
      '종료 코드:',
      ...exitCodeTable(ko.exitCodes),
      '',
      '환경 변수: NO_COLOR는 색을 끕니다. KUBECONFIG는 kubectl과 같이 kubeconfig를 고릅니다.',
      'LANG/LC_ALL이 ko로 시작하면 한국어로, 그 밖에는 영어로 출력합니다.',
      '가이드: 모든 명령의 업스트림 참고 문서는 https://docs.cilium.io/en/v1.18/ 입니다.',
    ].join('\n'),

  topLevelHelp: (): string =>
    [
      'Usage: runbook [options] [command]',
      '',
      ko.description,
      '',
      'Options:',
      `  -V, --version         ${ko.version.option}`,
      '  -h, --help            display help for command',
      '',
      'Commands:',
      ...TOP_LEVEL_COMMANDS.map(([usage, key]) => `  ${usage.padEnd(22)}${ko.cmd[key]}`),
      '  help [command]        display help for command',
      `${ko.helpFooter()}\n`,
    ].join('\n'),

  cmd: {
    list: '런북 목록을 출력합니다',
    show: '런북의 매개변수, 단계별 위험도, 검증과 롤백을 보여 줍니다',
    print: '런북을 하나의 bash 스크립트로 출력합니다: 가이드 페이지가 보여 주고 복사하는 텍스트 그대로',
    run: '현재(또는 지정한) kube 컨텍스트의 클러스터에 런북을 실행합니다',
    completion: '셸 자동 완성 스크립트를 출력합니다: source <(npx runbook completion bash)',
  },
  opt: {
    param: '매개변수 지정, 예: --param apiServerHost=10.0.0.10 (여러 번 지정 가능)',
    dryRun: '계획과 모든 명령을 출력하고 아무것도 실행하지 않음',
    yes: '변경 단계와 노드 단계에 미리 동의 (터미널이 없을 때 필요)',
    confirm: '바로 이 컨텍스트의 파괴적인 단계에 미리 동의 (터미널이 없을 때 필요)',
    from: '이 단계부터 시작 (실패한 뒤 이어서 실행)',
    only: '이 단계만 실행 (여러 번 지정하거나 쉼표로 구분)',
    context: '사용할 kube 컨텍스트 (기본값: 현재 컨텍스트)',
    json: '이벤트를 stdout에 JSON 줄로 출력 (CI용), 사람이 읽는 출력은 생략',
  },

  badParam: (raw: string) => `--param은 이름=값 형식이어야 합니다. 받은 값: "${raw}".`,
  exampleValuesUsed: (names: string[]) =>
    `참고: ${names.join(', ')}에 예시 값을 넣었습니다. 실제 값으로 출력하려면 --param을 지정하십시오.`,
  noRunbooks: '정의된 런북이 없습니다.',

  show: {
    requires: '필요한 도구',
    parameters: '매개변수',
    none: '(없음)',
    byDefault: (value: string) => `기본값 ${value}`,
    forExample: (value: string) => `예: ${value}`,
    detected: (description: string) => `클러스터에서 읽음: ${description}`,
    steps: '단계',
    verification: '검증',
    byHand: '[모든 노드에서 직접 실행]',
    checkKinds: {
      requires: (holds: string) => `먼저 확인: ${holds}`,
      skip: (holds: string) => `건너뛰는 조건: ${holds}`,
      ensures: (holds: string) => `확인: ${holds}`,
    },
    rollback: '롤백',
  },
  list: {
    steps: (n: number) => `${n}단계`,
    destructive: (n: number) => `파괴적 ${n}`,
  },
  plan: {
    parameters: '매개변수',
    header: '계획',
    dryRunNote: '시험 실행: 아무것도 실행하지 않았습니다. <…>로 표시한 매개변수는 실행할 때 클러스터에서 읽습니다.',
    detectedAtRunTime: (description: string) => `실행할 때 읽음: ${description}`,
    manual: '모든 노드에서 직접 실행',
  },
  target: {
    context: '컨텍스트',
    cluster: '클러스터',
    server: '서버',
    cilium: 'Cilium',
    kpr: 'KPR',
    nodes: (n: number) => `노드 ${n}개`,
    unknown: '찾지 못함',
    transcript: '실행 기록',
    target: '대상',
    workstation: '이 작업 머신만 (클러스터는 읽지도 바꾸지도 않음)',
  },
  prompt: {
    approveChange: (q: StepQuestion) =>
      `${q.index}/${q.total}단계 ${q.step}은(는) 컨텍스트 "${q.context}"(${q.server})의 클러스터를 변경합니다. 실행할까요?`,
    approveDestructive: (q: StepQuestion) =>
      `${q.index}/${q.total}단계 ${q.step}은(는) 파괴적인 단계입니다. 실행하려면 컨텍스트 이름 "${q.context}"을(를) 입력하십시오(다른 입력은 중단합니다):`,
    nodeStep: (step: string) =>
      `${step} 단계는 모든 노드에서 root로 직접 실행해야 합니다(위 명령). 모든 노드에서 실행했습니까?`,
  },
  step: {
    skippedDone: '이미 적용되어 있어 건너뜀',
    skippedNode: '노드 단계 확인됨 (모든 노드에서 직접 실행하십시오)',
    ok: (seconds: string) => `완료 (${seconds}초)`,
    checkFailed: (what: string) => `출력에서 기대한 결과를 확인하지 못했습니다: ${what}`,
    failed: (code: number | null) => `종료 코드 ${code ?? '없음'}`,
    timedOut: '제한 시간을 넘겨 중지했습니다',
    checkRetry: (attempt: number) => `변경이 아직 반영되지 않았습니다(${attempt}번째 확인). 다시 확인합니다`,
    interrupted: '중단되어 중지했습니다',
  },
  result: {
    succeeded: (runbook: string, n: number) => `${runbook}: ${n}단계를 모두 마쳤습니다.`,
    refusedNoTTY:
      '이 실행은 클러스터를 변경하는데, 동의를 물을 터미널이 없습니다. 아무것도 바꾸지 않았습니다. ' +
      '터미널에서 실행하거나 --yes로 미리 동의하십시오.',
    refusedNoConfirm: (context: string) =>
      '이 실행에는 파괴적인 단계가 있는데, 컨텍스트 이름을 입력할 터미널이 없습니다. 아무것도 바꾸지 않았습니다. ' +
      `이 컨텍스트에 미리 동의하려면 --confirm=${context}를 지정하십시오.`,
    refusedMismatch: (given: string, context: string) =>
      `--confirm은 "${given}"인데 이 실행의 대상 컨텍스트는 "${context}"입니다. 아무것도 바꾸지 않았습니다. ` +
      '어느 클러스터인지 확인하고, 다른 컨텍스트를 쓰려면 --context로 지정하십시오.',
    declined: '거절했습니다. 이 단계부터는 실행하지 않았습니다.',
    aborted: (reason: string) => `${reason} 다음 변경 전에 실행을 멈췄고, 그 뒤로는 실행하지 않았습니다.`,
    lockHeld: (runbook: string, pid: number, since: string, context: string, server: string) =>
      `다른 실행(${runbook}, pid ${pid}, ${since}부터)이 같은 클러스터(${server})의 컨텍스트 "${context}"을(를) 쓰고 있습니다. ` +
      '아무것도 실행하지 않았습니다. 끝날 때까지 기다리십시오. 그 프로세스가 이미 없다면 다시 실행하면 남은 잠금을 넘겨받습니다.',
    lockOrphan: (runbook: string, context: string, server: string, groups: readonly number[]) =>
      `이전 실행(${runbook}, 컨텍스트 "${context}", ${server})의 단계가 러너 없이 아직 실행 중입니다` +
      `(프로세스 그룹 ${groups.join(', ')}). 러너가 강제로 종료되었습니다. 아무것도 실행하지 않았습니다. ` +
      `끝날 때까지 기다리거나 ${groups.map((g) => `"kill -- -${g}"`).join(', ')}(으)로 끝낸 뒤 다시 실행하십시오.`,
    transcriptFailed: (reason: string, path: string) =>
      `실행 기록을 쓸 수 없어(${path}: ${reason}) 다음 단계 전에 실행을 멈췄고, 그 뒤로는 실행하지 않았습니다. ` +
      '공간을 확보하거나 폴더를 고친 뒤(또는 RUNBOOK_STATE_DIR를 지정한 뒤) 클러스터를 확인하고 이어서 실행하십시오:',
    failed: (runbook: string, step: string) => `${runbook} 중단: ${step} 단계가 실패했습니다.`,
    interrupted: (runbook: string) => `${runbook} 실행이 중단되었습니다.`,
    interruptedBeforeStart: (runbook: string) =>
      `${runbook} 실행이 첫 단계 전에 중단되었습니다. 아무것도 실행하지 않았습니다.`,
    done: (ids: readonly string[]) => `완료: ${ids.length > 0 ? ids.join(', ') : '(없음)'}`,
    notRun: (ids: readonly string[]) => `실행 안 함: ${ids.length > 0 ? ids.join(', ') : '(없음)'}`,
    resume: '원인을 해결한 뒤 이어서 실행:',
    rollback: '실행한 변경을 되돌리려면:',
    lastOutput: '마지막 출력:',
  },
  preflight: {
    kubeconfigMissing: (files: readonly string[]) =>
      `kubeconfig 파일이 없습니다: ${files.join(', ')}${files.length === 1 ? '' : ' (KUBECONFIG)'}. 아무것도 실행하지 않았습니다.`,
    kubeconfigHint:
      'KUBECONFIG가 kubeconfig 파일을 가리키게 한 뒤(예: export KUBECONFIG=~/.kube/config) 다시 실행하십시오.',
    toolVersion: (problems: string[]) => `${problems.join('; ')}. 아무것도 실행하지 않았습니다.`,
    missingTools: (tools: string[]) =>
      `PATH에서 필요한 도구를 찾지 못했습니다: ${tools.join(', ')}. 아무것도 실행하지 않았습니다.`,
    missingToolsHint: '가이드의 사전 준비 항목을 보고 설치한 뒤 다시 실행하십시오.',
  },
  pin: {
    noCurrentContext: '현재 kube 컨텍스트가 설정되어 있지 않습니다.',
    noCurrentContextHint:
      '--context <이름>을 지정하거나 "kubectl config use-context <이름>"을 실행하십시오. 아무것도 실행하지 않았습니다.',
    contextUnreadable: (context: string) => `kubeconfig에서 kube 컨텍스트 "${context}"을(를) 읽지 못했습니다.`,
    contextUnreadableHint:
      '"kubectl config get-contexts"로 컨텍스트 목록을 확인하십시오. 아무것도 실행하지 않았습니다.',
    noServer: (context: string) => `kube 컨텍스트 "${context}"에 클러스터나 API 서버 주소가 없습니다.`,
    unauthorized: (context: string, server: string) =>
      `컨텍스트 "${context}"의 클러스터(${server})가 이 컨텍스트의 자격 증명을 거부했습니다(HTTP 401 Unauthorized). 자격 증명이 없거나 만료되었거나 폐기되었습니다.`,
    unauthorizedHint:
      '다시 로그인하거나 자격 증명을 갱신하십시오(예: 클라우드 CLI의 get-credentials 명령, kubelogin). 먼저 "kubectl get nodes"가 성공해야 합니다. 아무것도 실행하지 않았습니다.',
    unreachable: (context: string, server: string) =>
      `컨텍스트 "${context}"의 클러스터(${server})가 응답하지 않았습니다.`,
    unreachableHint:
      'API 서버 주소, 네트워크/VPN, 자격 증명을 확인하십시오. 먼저 "kubectl get nodes"가 성공해야 합니다. 아무것도 실행하지 않았습니다.',
  },
  env: {
    reason: (code: string): string =>
      ({
        EACCES: '권한이 없습니다',
        EPERM: '허용되지 않는 작업입니다',
        ENOSPC: '장치에 남은 공간이 없습니다(No space left)',
        EDQUOT: '디스크 할당량을 넘었습니다',
        EROFS: '읽기 전용 파일 시스템입니다(read-only)',
        ENOTDIR: '같은 이름의 파일이 있습니다: 폴더가 아닙니다',
        EEXIST: '같은 이름의 파일이 있습니다: 폴더가 아닙니다',
        EISDIR: '같은 이름의 폴더가 있습니다: 파일이 아닙니다',
      })[code] ?? code,
    stateDir: (path: string, reason: string) =>
      `런북 상태 폴더에 쓸 수 없습니다: ${path}: ${reason}. 아무것도 실행하지 않았습니다.`,
    stateDirHint: (root: string) =>
      `실행 기록, 잠금, kubeconfig 사본은 ${root}에 둡니다. 공간을 확보하거나 권한을 고치거나, RUNBOOK_STATE_DIR를 쓸 수 있는 폴더로 지정한 뒤 다시 실행하십시오.`,
  },
  unknown: {
    runbook: (id: string, suggestion: string | undefined, ids: readonly string[]) =>
      suggestion
        ? `"${id}"라는 런북은 없습니다. ${suggestion}을(를) 뜻했습니까? (전체 ${ids.length}개는 "npx runbook list"로 볼 수 있습니다.)`
        : `"${id}"라는 런북은 없습니다. 런북: ${ids.join(', ')}.`,
    step: (id: string, runbook: string, suggestion: string | undefined, ids: readonly string[]) =>
      suggestion
        ? `${runbook}에 "${id}"라는 단계는 없습니다. ${suggestion}을(를) 뜻했습니까? (단계 목록: "npx runbook show ${runbook}")`
        : `${runbook}에 "${id}"라는 단계는 없습니다. 단계: ${ids.join(', ')}.`,
    param: (name: string, runbook: string, suggestion: string | undefined, names: readonly string[]) =>
      suggestion
        ? `${runbook}에 "${name}"라는 매개변수는 없습니다. ${suggestion}을(를) 뜻했습니까?`
        : `${runbook}에 "${name}"라는 매개변수는 없습니다. 매개변수: ${names.join(', ') || '(없음)'}.`,
  },
  exitCodes: {
    ok: '완료: 선택한 모든 단계를 실행했고(또는 이미 적용되어 있었고) 확인을 통과함',
    stepFailed: '단계나 그 확인이 실패함. 그 앞의 단계는 실행했고 나머지는 실행하지 않음',
    usage: '사용법 오류: 알 수 없는 런북, 단계, 매개변수, 플래그 또는 잘못된 값. 아무것도 실행하지 않음',
    refused:
      '거부: 터미널 없이 --yes/--confirm이 없음, --confirm이 다른 컨텍스트를 가리킴, 거절함, 또는 다른 실행이 클러스터를 쓰는 중. 그 뒤로는 실행하지 않음',
    preflight:
      '사전 점검 실패: 도구나 kubeconfig가 없음, 알 수 없는 컨텍스트, 클러스터 응답 없음, 자격 증명 거부, 또는 상태 폴더에 쓸 수 없음. 아무것도 실행하지 않음',
    aborted: '중지: 실행 중에 kube 컨텍스트나 API 서버가 바뀌었거나 실행 기록을 쓸 수 없게 됨. 다음 단계 전에 멈춤',
    internal: '내부 오류 또는 잘못된 런북 정의 (버그이니 알려 주십시오)',
    interrupted: '중단 (Ctrl-C, SIGTERM 또는 터미널 종료): 실행 중인 단계를 중지함',
  },
  errorPrefix: '오류:',
  internal: 'runbook의 버그입니다. 실행한 명령과 위 출력을 함께 알려 주십시오.',

  version: {
    option: '버전 출력 (runbook, 가이드의 Cilium 버전, 커밋)',
    text: (b: BuildInfo): string =>
      `runbook ${b.version} (Cilium ${b.ciliumVersion} 가이드, 커밋 ${b.commit === 'unknown' ? '알 수 없음' : b.commit})\n`,
  },
};

/** Both catalogues, for the test that checks they have the same keys. */
export const catalogues = { en, ko } as const;

/** The catalogue in use; `selectLocale` sets it once at start-up (main.ts). */
export let messages: Messages = en;

/** Korean when the locale (LC_ALL, else LC_MESSAGES, else LANG) starts with `ko`, English otherwise. */
export function localeOf(env: Readonly<Record<string, string | undefined>>): 'ko' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ko(?:[_.@-]|$)/i.test(locale) ? 'ko' : 'en';
}

export function selectLocale(env: Readonly<Record<string, string | undefined>>): Messages {
  messages = catalogues[localeOf(env)];
  return messages;
}
