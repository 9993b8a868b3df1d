/**
 * Seed "현재 상태", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 1–6): read-only.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';

export default defineRunbook({
  id: 'status',
  title: 'Cilium 현재 상태 확인',
  summary:
    '클러스터를 바꾸지 않고 Kubernetes 버전, 설치된 Cilium Helm 차트, Cilium 에이전트의 상태를 읽은 뒤 ' +
    '이 가이드에서 다루는 기능(kube-proxy 대체(kube-proxy replacement, KPR), Hubble, 암호화, BandwidthManager)이 켜져 있는지 요약합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  steps: [
    {
      id: 'versions',
      title: 'kubectl과 Kubernetes 버전 확인',
      risk: 'read',
      explanation:
        '작업하는 컴퓨터의 kubectl과 API 서버의 버전을 봅니다. Server Version 줄이 없으면 kubectl이 클러스터에 연결하지 못한 것이므로 ' +
        '다른 절차도 실행할 수 없습니다.',
      ...showAndCheck(() => sh`kubectl version`, {
        ere: '^Server Version: v[0-9]+[.][0-9]+[.][0-9]+',
        holds: 'Server Version 줄이 있음',
        otherwise: 'kubectl이 API 서버에 연결하지 못했습니다. kube 컨텍스트와 네트워크를 확인하세요.',
      }),
      sampleOutput: ['Client Version: v1.31.4', 'Kustomize Version: v5.4.2', 'Server Version: v1.31.4'].join('\n'),
    },
    {
      id: 'cilium-release',
      title: '설치된 Cilium 차트 버전 확인',
      risk: 'read',
      explanation:
        `이 가이드의 모든 절차는 Helm 릴리스 cilium의 차트가 cilium-${CILIUM_VERSION}일 때를 기준으로 합니다. ` +
        '다른 버전이면 여기서 멈춥니다. 그 경우 다른 절차도 같은 확인에서 멈추므로, 먼저 공식 업그레이드 가이드로 버전을 맞추세요.',
      command: () => sh`helm -n kube-system list --filter '^cilium$'`,
      ensures: [chartIsPinned],
      sampleOutput: [
        'NAME    NAMESPACE       REVISION        UPDATED                                 STATUS          CHART           APP VERSION',
        'cilium  kube-system     1               2025-11-20 01:12:44.123456789 +0000 UTC deployed        cilium-1.18.4   1.18.4',
      ].join('\n'),
    },
    {
      id: 'agent-status',
      title: 'Cilium 에이전트 상태 확인',
      risk: 'read',
      explanation:
        '에이전트 안의 CLI는 1.15부터 cilium-dbg입니다. ds/cilium을 주면 kubectl이 DaemonSet의 파드 하나를 골라 주고, ' +
        '-it 없이 실행하므로 터미널이 없는 스크립트에서도 동작합니다. 출력은 그 파드가 있는 노드의 상태입니다.\n\n' +
        '1.18의 출력 형식은 원문과 다르고 간격도 버전마다 달라지므로, 줄 전체가 아니라 각 줄 앞의 항목 이름만 확인합니다.',
      command: () => sh`
        out=$(kubectl -n kube-system exec ds/cilium -- cilium-dbg status)
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: 'KubeProxyReplacement:, Routing: Network:, Encryption:, BandwidthManager:, Hubble: 줄이 모두 있음',
          test: () =>
            sh`test "$(grep -cE '^(KubeProxyReplacement:|Routing:[[:space:]]+Network:|Encryption:|BandwidthManager:|Hubble:)' <<<"$out")" -eq 5`,
          otherwise: '에이전트 상태에 이 가이드가 읽는 줄이 빠져 있습니다. Cilium 1.18.4 에이전트인지 확인하세요.',
        },
      ],
      sampleOutput: [
        'KVStore:                 Disabled',
        'Kubernetes:              Ok   1.31 (v1.31.4) [linux/amd64]',
        'KubeProxyReplacement:    False',
        'Host firewall:           Disabled',
        'CNI Chaining:            none',
        'Cilium:                  Ok   1.18.4 (v1.18.4-afda2aa9)',
        'NodeMonitor:             Listening for events on 4 CPUs with 64x4096 of shared memory',
        'Cilium health daemon:    Ok',
        'IPAM:                    IPv4: 6/254 allocated from 10.0.0.0/24,',
        'BandwidthManager:        Disabled',
        'Routing:                 Network: Tunnel [vxlan]   Host: Legacy',
        'Masquerading:            IPTables [IPv4: Enabled, IPv6: Disabled]',
        'Controller Status:       37/37 healthy',
        'Hubble:                  Ok   Current/Max Flows: 4095/4095 (100.00%), Flows/s: 6.21   Metrics: Disabled',
        'Encryption:              Disabled',
        'Cluster health:          3/3 reachable   (2026-01-13T01:12:44Z)',
      ].join('\n'),
    },
  ],
  verify: [
    {
      id: 'summary',
      title: '기능별 상태 요약',
      risk: 'read',
      explanation:
        'cilium-dbg status의 출력에서 이 가이드가 다루는 줄만 골라 한 화면으로 요약합니다. awk만 쓰므로 어느 리눅스·macOS 터미널에서도 ' +
        '그대로 실행됩니다. 꺼져 있는 기능에는 그 기능을 켜는 절과 runbook을 함께 보여 줍니다. ' +
        'Hubble 줄은 에이전트의 Hubble 서버 상태이며, Hubble Relay와 UI가 켜져 있는지는 1.2절에서 확인합니다.',
      command: () => sh`
        out=$(kubectl -n kube-system exec ds/cilium -- cilium-dbg status | awk '
          function show(name, state, hint) {
            line = sprintf("%-22s %s", name, state)
            if (hint != "") line = sprintf("%-33s %s", line, hint)
            print line
          }
          { v = $0; sub(/^[^:]*:[ \t]*/, "", v); split(v, w, /[ \t]+/) }
          /^Cilium:/               { cilium = w[1] " " w[2] }
          /^KubeProxyReplacement:/ { kpr = w[1] }
          /^Routing:/              { gsub(/[ \t]+/, " ", v); routing = v }
          /^Hubble:/               { hubble = w[1] }
          /^Encryption:/           { encryption = w[1] }
          /^BandwidthManager:/     { bwm = (w[1] == "Disabled") ? "Disabled" : "Enabled" }
          END {
            show("Cilium", cilium, "")
            show("KubeProxyReplacement", kpr, kpr == "False" ? "→ 1.1절 kpr-enable" : "")
            show("Routing", routing, "")
            show("Hubble", hubble, "")
            show("Encryption", encryption, encryption == "Disabled" ? "→ 1.3절 wireguard-enable" : "")
            show("BandwidthManager", bwm, bwm == "Disabled" ? "→ 4절 bandwidth-manager-enable" : "")
          }')
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: 'KubeProxyReplacement 줄이 True 또는 False로 요약됨',
          test: () => sh`grep -Eq '^KubeProxyReplacement[[:space:]]+(True|False)' <<<"$out"`,
          otherwise:
            '에이전트 상태에서 KubeProxyReplacement를 읽지 못했습니다. 위의 agent-status 단계 출력을 확인하세요.',
        },
      ],
      sampleOutput: [
        'Cilium                 Ok 1.18.4',
        'KubeProxyReplacement   False      → 1.1절 kpr-enable',
        'Routing                Network: Tunnel [vxlan] Host: Legacy',
        'Hubble                 Ok',
        'Encryption             Disabled   → 1.3절 wireguard-enable',
        'BandwidthManager       Disabled   → 4절 bandwidth-manager-enable',
      ].join('\n'),
    },
  ],
});
