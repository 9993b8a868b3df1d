/**
 * What the two troubleshooting runbooks (seed §7) share: the target pod as parameters, and the first step that finds
 * the pod's node and the Cilium agent on that node (endpoints, drops and flows are per node: corrections rows 58, 61).
 */
import type { CheckInput, ParamRefs, StepInput } from '../../src/runbook/model.js';
import type { ParamDef } from '../../src/runbook/params.js';
import { type CommandTemplate, sh } from '../../src/runbook/template.js';

/** RFC 1123 label (namespace names) and subdomain (pod names), as the API server checks them. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const namespace: ParamDef = {
  type: 'string',
  pattern: DNS_LABEL,
  label: '네임스페이스',
  description: '진단할 파드의 네임스페이스입니다. 기본값은 이 가이드의 예제 앱이 있는 petclinic입니다.',
  default: 'petclinic',
};

export const pod: ParamDef = {
  type: 'string',
  pattern: DNS_SUBDOMAIN,
  label: '파드 이름',
  description:
    '진단할 파드의 이름입니다(kubectl get pods의 NAME). 주지 않으면 예제 앱(petclinic)의 was 파드를 찾아서 씁니다. ' +
    '다른 파드는 --param namespace=<네임스페이스> --param pod=<파드 이름>으로 주세요.',
  example: 'was-5f7d8c6b9-qx2lm',
  detect: {
    command: sh`kubectl -n petclinic get pods -l app=was -o jsonpath='{.items[0].metadata.name}'`,
    parse: (stdout) => stdout.trim() || undefined,
    description: 'petclinic 네임스페이스에서 app=was 라벨을 단 첫 번째 파드',
  },
};

export const diagnoseParams = { namespace, pod } as const;

/**
 * The precondition of the collect steps, in one line so it can stand before their command: the pod's node runs a
 * Cilium agent (a `--from collect` or a collect block copied alone stops here as locate-pod does).
 */
export const agentOnPodNode: CheckInput<typeof diagnoseParams> = {
  holds: '파드가 있는 노드에 Cilium 에이전트 파드가 있음',
  test: ({ namespace, pod }) =>
    sh`[[ "$(kubectl -n kube-system get pod -l k8s-app=cilium --field-selector spec.nodeName="$(kubectl -n ${namespace} get pod ${pod} -o jsonpath='{.spec.nodeName}')" -o name)" == pod/cilium-* ]]`,
  otherwise:
    '파드가 없거나, 노드에 배치되지 않았거나, 그 노드에 Cilium 에이전트 파드가 없습니다. locate-pod 단계의 출력을 확인하세요.',
};

/** The first step of both runbooks: the pod exists, has a node, and that node runs a Cilium agent. */
export const locatePod: StepInput<typeof diagnoseParams> = {
  id: 'locate-pod',
  title: '파드의 노드와 그 노드의 Cilium 에이전트 찾기',
  risk: 'read',
  explanation:
    '엔드포인트, 드롭, 흐름은 노드마다 따로 기록됩니다. 원문처럼 아무 에이전트(head -1)에 물으면 다른 노드의 정보를 보게 되므로, ' +
    '파드가 도는 노드를 spec.nodeName으로 찾고 그 노드의 cilium 파드를 --field-selector로 고릅니다. ' +
    '파드가 없거나 아직 노드에 배치되지 않았으면(Pending) 여기서 멈춥니다.',
  command: ({ namespace, pod }) => sh`
    kubectl -n ${namespace} get pod ${pod} -o wide
    node=$(kubectl -n ${namespace} get pod ${pod} -o jsonpath='{.spec.nodeName}')
    agent=$(kubectl -n kube-system get pod -l k8s-app=cilium --field-selector spec.nodeName=$node -o name)
    echo "노드: $node"
    echo "Cilium 에이전트: $agent"
  `,
  ensures: [
    {
      holds: '파드가 노드에 배치됨',
      test: () => sh`test -n "$node"`,
      otherwise: '파드가 아직 노드에 배치되지 않았습니다(Pending). kubectl describe pod로 이유를 확인하세요.',
    },
    {
      holds: '파드가 있는 노드의 Cilium 에이전트 파드를 찾음',
      test: () => sh`[[ "$agent" == pod/cilium-* ]]`,
      otherwise:
        '그 노드에서 Cilium 에이전트 파드를 찾지 못했습니다. 에이전트가 없는 노드에서는 엔드포인트와 드롭을 모을 수 없으므로 ' +
        '멈춥니다. kubectl -n kube-system get pods -l k8s-app=cilium -o wide로 확인하세요.',
    },
  ],
  sampleOutput: [
    'NAME                  READY   STATUS    RESTARTS   AGE   IP          NODE     NOMINATED NODE   READINESS GATES',
    'was-5f7d8c6b9-qx2lm   1/1     Running   0          12d   10.0.2.51   k8s-w2   <none>           <none>',
    '노드: k8s-w2',
    'Cilium 에이전트: pod/cilium-zr5wd',
  ].join('\n'),
};

/**
 * The start of both runbooks' collect step: the pod's node and its agent, a new folder
 * `diag-<pod>-<YYYYMMDD-HHMMSS><folderSuffix>` in the current directory (a later second when a run in the same
 * second made that one; the summary step reads the newest), and `collect <file> <command…>`, which
 * saves one command's output (stderr included) and notes a failure without stopping.
 */
export function collectInto(
  { namespace, pod }: ParamRefs<typeof diagnoseParams>,
  folderSuffix: CommandTemplate,
): CommandTemplate {
  return sh`
    node=$(kubectl -n ${namespace} get pod ${pod} -o jsonpath='{.spec.nodeName}')
    agent=$(kubectl -n kube-system get pod -l k8s-app=cilium --field-selector spec.nodeName=$node -o name)
    # 같은 이름의 폴더가 이미 있으면(같은 초에 다시 실행한 경우) 다음 초의 이름을 씁니다. 앞의 결과는 그대로 둡니다.
    # 다른 이유로 만들 수 없으면 mkdir의 오류를 보이고 멈춥니다.
    until dir=diag-${pod}-$(date +%Y%m%d-%H%M%S)${folderSuffix}; mkdir "$dir" 2>/dev/null; do
      [ -e "$dir" ] || mkdir "$dir"
      sleep 1
    done
    echo "수집 폴더: $dir (노드 $node, 에이전트 $agent)"
    # 명령 하나의 출력(표준 오류 포함)을 파일 하나에 담습니다. 실패해도 다음 명령으로 넘어갑니다.
    collect() {
      file=$1
      shift
      rc=0
      "$@" > "$dir/$file" 2>&1 || rc=$?
      case $rc in
        0) echo "  $file" ;;
        124) echo "  $file (timeout으로 끝냄)" ;;
        *) echo "  $file (실패: exit $rc)" ;;
      esac
    }
  `;
}
