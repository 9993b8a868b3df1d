/**
 * Seed §3 "Cilium CLI 설치", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md row 38): the
 * docs' stable.txt, the machine's architecture, a failing download stops, the checksum is checked, an install
 * directory of your choice, and the downloaded files are removed. Same shape as `hubble-cli-install`. The install
 * step re-checks the checksum and that the unpacked binary runs here and is cilium-cli (issue 10: a block copied
 * alone or `--from install-binary` never installs an unchecked file).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { checksumMatches, installDir, onPath, releaseArch, unpackedBinaryIs } from './lib/workstation.js';

/** The unpacked `cilium` runs here and is cilium-cli (`cilium-cli: v0.18.9 compiled with …`, cli/version.go). */
const unpackedCilium = unpackedBinaryIs(
  'cilium',
  sh`cilium-cli-download/cilium version --client`,
  '^cilium-cli: v[0-9]+[.][0-9]+[.][0-9]+',
  'cilium-cli',
);

export default defineRunbook({
  id: 'cilium-cli-install',
  title: 'Cilium CLI 설치',
  summary:
    '작업하는 컴퓨터에 cilium 명령(cilium-cli)을 설치합니다. Cilium 문서와 같은 방법으로 최신 안정 버전을 내려받아 ' +
    '체크섬을 확인한 뒤 설치 디렉터리에 넣고, 내려받은 파일을 지웁니다. 클러스터는 바꾸지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  // Only the workstation changes: no kube context is pinned and no cluster is needed.
  scope: 'workstation',
  requires: ['curl', 'tar', 'sha256sum'],
  params: { arch: releaseArch('cilium'), installDir: installDir('cilium') },
  steps: [
    {
      id: 'download',
      title: '최신 안정 버전의 cilium CLI 내려받기',
      risk: 'read',
      explanation:
        'cilium-cli 저장소의 main/stable.txt가 가리키는 최신 안정 릴리스를 받습니다(Cilium 1.18 문서와 같은 방법). ' +
        'cilium-cli는 Cilium과 따로 릴리스되며 최신 안정 버전이 1.18 클러스터를 지원합니다.\n\n' +
        '--fail이 있어 내려받기가 실패하면(예: 404) 여기서 멈춥니다. 현재 디렉터리 아래 cilium-cli-download 디렉터리에만 ' +
        '파일을 만들고, 클러스터는 바꾸지 않습니다. 원문의 CLI_ARCH=amd64 고정 대신 아키텍처 파라미터를 씁니다.',
      command: ({ arch }) => sh`
        CILIUM_CLI_VERSION=$(curl -fsSL https://raw.githubusercontent.com/cilium/cilium-cli/main/stable.txt)
        echo "cilium CLI $CILIUM_CLI_VERSION"
        mkdir -p cilium-cli-download
        (
          cd cilium-cli-download
          curl -L --fail --remote-name-all https://github.com/cilium/cilium-cli/releases/download/$CILIUM_CLI_VERSION/cilium-linux-${arch}.tar.gz{,.sha256sum}
        )
      `,
      timeoutSeconds: 300,
    },
    {
      id: 'verify-checksum',
      title: '체크섬 확인과 압축 풀기',
      risk: 'read',
      explanation:
        '내려받은 파일이 릴리스에 올라온 SHA-256 체크섬과 같은지 확인하고, 같을 때만 cilium-cli-download 안에 cilium ' +
        '실행 파일을 풉니다. 체크섬은 파일이 온전한지를 확인할 뿐, 같은 곳에서 받으므로 누가 만들었는지까지 보증하지는 않습니다.\n\n' +
        '풀어 낸 cilium을 설치하기 전에 한 번 실행해(cilium version --client) 이 컴퓨터에서 실행되는 cilium-cli인지 확인합니다. ' +
        '아키텍처가 다른 파일이면 Exec format error로 실패하므로, 설치하기 전에 여기서 멈춥니다.',
      requires: [checksumMatches('cilium', 'cilium-cli-download')],
      command: ({ arch }) => sh`tar -xzf cilium-cli-download/cilium-linux-${arch}.tar.gz -C cilium-cli-download cilium`,
      ensures: [unpackedCilium],
      sampleOutput: 'cilium-linux-amd64.tar.gz: OK',
    },
    {
      id: 'install-binary',
      title: 'cilium 실행 파일 설치',
      risk: 'change',
      explanation:
        '풀어 낸 cilium 실행 파일을 설치 디렉터리에 권한 0755로 넣습니다. 클러스터가 아니라 작업하는 컴퓨터를 바꾸는 ' +
        '단계이고, 같은 이름의 파일이 있으면 덮어쓰므로 확인을 받습니다. 이 단계만 따로 실행해도 체크섬과 실행 확인을 ' +
        '다시 하므로, 확인을 거치지 않은 파일은 설치되지 않습니다.\n\n' +
        '원문은 sudo tar로 /usr/local/bin에 바로 풀었습니다. runbook은 sudo의 비밀번호를 물을 수 없으므로 sudo를 쓰지 않습니다. ' +
        'Permission denied가 나면 root 셸에서 이 단계부터 다시 실행하거나, 쓸 수 있는 설치 디렉터리를 주세요.',
      requires: [checksumMatches('cilium', 'cilium-cli-download'), unpackedCilium],
      command: ({ installDir }) => sh`install -m 0755 cilium-cli-download/cilium ${installDir}/cilium`,
    },
    {
      id: 'cleanup',
      title: '내려받은 파일 정리',
      risk: 'read',
      explanation:
        '이 절차가 만든 cilium-cli-download 디렉터리(압축 파일, 체크섬 파일, 압축을 푼 cilium)만 지웁니다. ' +
        '클러스터와 설치된 cilium은 그대로입니다.',
      command: () => sh`rm -r cilium-cli-download`,
    },
  ],
  verify: [
    {
      id: 'verify-version',
      title: 'cilium CLI 실행 확인',
      risk: 'read',
      explanation:
        'PATH에서 먼저 찾히는 cilium의 위치와 버전을 출력합니다. 위치가 설치 디렉터리가 아니면 PATH의 앞쪽에 다른 cilium이 ' +
        '있는 것이고, command not found가 나오면 설치 디렉터리가 PATH에 없는 것입니다.',
      requires: [onPath('cilium')],
      command: () => sh`
        out=$(cilium version --client)
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: 'cilium-cli: v<버전>으로 시작하는 줄이 있음',
          test: () => sh`grep -Eq '^cilium-cli: v[0-9]+[.][0-9]+[.][0-9]+' <<<"$out"`,
          otherwise: 'PATH의 cilium이 cilium-cli가 아닙니다. command -v cilium이 가리키는 파일을 확인하세요.',
        },
      ],
      sampleOutput: [
        '/usr/local/bin/cilium',
        'cilium-cli: v0.18.9 compiled with go1.25.3 on linux/amd64',
        'cilium image (default): v1.18.4',
        'cilium image (stable): v1.18.4',
      ].join('\n'),
    },
  ],
});
