/**
 * Seed §1.2 "Hubble CLI 설치", corrected (shared/research/cilium-1.18-corrections.md rows 22–24): the stable.txt of
 * the `main` branch, the right architecture, a failing download stops, no background port-forward. Same shape as
 * `cilium-cli-install`: its own download directory (review 2026-12-06 row 21), and the install step re-checks the
 * checksum and that the unpacked binary runs here and is the Hubble CLI (issue 10).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { checksumMatches, installDir, onPath, releaseArch, unpackedBinaryIs } from './lib/workstation.js';

/** The unpacked `hubble` runs here and is the Hubble CLI (`hubble v1.18.5@HEAD-… compiled with …`, cmd/version). */
const unpackedHubble = unpackedBinaryIs(
  'hubble',
  sh`hubble-cli-download/hubble version`,
  '^hubble v[0-9]+[.][0-9]+[.][0-9]+',
  'Hubble CLI',
);

export default defineRunbook({
  id: 'hubble-cli-install',
  title: 'Hubble CLI 설치',
  summary:
    '작업하는 컴퓨터에 hubble 명령(Hubble CLI)을 설치합니다. 최신 안정 버전의 릴리스 파일을 내려받아 체크섬을 확인한 뒤 ' +
    '설치 디렉터리에 넣고, 내려받은 파일을 지웁니다. 클러스터는 바꾸지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  // Only the workstation changes: no kube context is pinned and no cluster is needed.
  scope: 'workstation',
  requires: ['curl', 'tar', 'sha256sum'],
  params: { arch: releaseArch('hubble'), installDir: installDir('hubble') },
  steps: [
    {
      id: 'download',
      title: '최신 안정 버전의 Hubble CLI 내려받기',
      risk: 'read',
      explanation:
        'hubble 저장소의 기본 브랜치는 2023년에 master에서 main으로 바뀌었고, Cilium 문서도 main/stable.txt로 버전을 찾습니다. ' +
        'stable.txt가 가리키는 최신 안정 릴리스의 tar.gz와 체크섬 파일을 내려받습니다. ' +
        'Hubble CLI는 Cilium과 따로 릴리스되며, 최신 안정 버전을 쓰는 것이 문서의 방법입니다.\n\n' +
        '--fail이 있어 내려받기가 실패하면(예: 404) 여기서 멈춥니다. 원문처럼 --fail이 없으면 오류 페이지가 파일로 저장되고 ' +
        '다음 단계의 체크섬 확인에서야 실패합니다. 현재 디렉터리 아래 hubble-cli-download 디렉터리에만 파일을 만들므로, ' +
        '현재 디렉터리에 hubble이라는 다른 파일이 있어도 덮어쓰지 않습니다. 클러스터는 바꾸지 않습니다.',
      command: ({ arch }) => sh`
        HUBBLE_VERSION=$(curl -fsSL https://raw.githubusercontent.com/cilium/hubble/main/stable.txt)
        echo "Hubble CLI $HUBBLE_VERSION"
        mkdir -p hubble-cli-download
        (
          cd hubble-cli-download
          curl -L --fail --remote-name-all https://github.com/cilium/hubble/releases/download/$HUBBLE_VERSION/hubble-linux-${arch}.tar.gz{,.sha256sum}
        )
      `,
      timeoutSeconds: 300,
    },
    {
      id: 'verify-checksum',
      title: '체크섬 확인과 압축 풀기',
      risk: 'read',
      explanation:
        '내려받은 파일이 릴리스에 올라온 SHA-256 체크섬과 같은지 확인하고, 같을 때만 hubble-cli-download 안에 hubble ' +
        '실행 파일을 풉니다. 체크섬은 파일이 온전한지를 확인할 뿐, 같은 곳에서 받으므로 누가 만들었는지까지 보증하지는 않습니다.\n\n' +
        '풀어 낸 hubble을 설치하기 전에 한 번 실행해(hubble version) 이 컴퓨터에서 실행되는 Hubble CLI인지 확인합니다. ' +
        '아키텍처가 다른 파일이면 Exec format error로 실패하므로, 설치하기 전에 여기서 멈춥니다.',
      requires: [checksumMatches('hubble', 'hubble-cli-download')],
      command: ({ arch }) => sh`tar -xzf hubble-cli-download/hubble-linux-${arch}.tar.gz -C hubble-cli-download hubble`,
      ensures: [unpackedHubble],
      sampleOutput: 'hubble-linux-amd64.tar.gz: OK',
    },
    {
      id: 'install-binary',
      title: 'hubble 실행 파일 설치',
      risk: 'change',
      explanation:
        '풀어 낸 hubble 실행 파일을 설치 디렉터리에 권한 0755로 넣습니다. 클러스터가 아니라 작업하는 컴퓨터를 바꾸는 단계이고, ' +
        '같은 이름의 파일이 있으면 덮어쓰므로 확인을 받습니다. 이 단계만 따로 실행해도 체크섬과 실행 확인을 다시 하므로, ' +
        '확인을 거치지 않은 파일은 설치되지 않습니다.\n\n' +
        '원문은 sudo tar로 /usr/local/bin에 바로 풀었습니다. runbook은 sudo의 비밀번호를 물을 수 없으므로 sudo를 쓰지 않습니다. ' +
        '권한이 없다는 오류(Permission denied)가 나면 root 셸에서 이 단계부터 다시 실행하거나, 쓸 수 있는 설치 디렉터리를 주세요.',
      requires: [checksumMatches('hubble', 'hubble-cli-download'), unpackedHubble],
      command: ({ installDir }) => sh`install -m 0755 hubble-cli-download/hubble ${installDir}/hubble`,
    },
    {
      id: 'cleanup',
      title: '내려받은 파일 정리',
      risk: 'read',
      explanation:
        '이 절차가 만든 hubble-cli-download 디렉터리(압축 파일, 체크섬 파일, 압축을 푼 hubble)만 지웁니다. ' +
        '클러스터와 설치된 hubble은 그대로입니다.',
      command: () => sh`rm -r hubble-cli-download`,
    },
  ],
  verify: [
    {
      id: 'verify-version',
      title: 'hubble 실행 확인',
      risk: 'read',
      explanation:
        'PATH에서 hubble을 찾아 버전을 출력합니다. command not found가 나오면 설치 디렉터리가 PATH에 없는 것입니다.',
      requires: [onPath('hubble')],
      ...showAndCheck(() => sh`hubble version`, {
        ere: '^hubble v[0-9]+[.][0-9]+[.][0-9]+',
        holds: 'hubble v<버전>으로 시작하는 줄이 있음',
        otherwise: 'PATH의 hubble이 Hubble CLI가 아닙니다. command -v hubble이 가리키는 파일을 확인하세요.',
      }),
      sampleOutput: 'hubble v1.18.5@HEAD-4f0a5d2 compiled with go1.24.11 on linux/amd64',
    },
  ],
});
