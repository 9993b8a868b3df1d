/**
 * Parameters of the runbooks that install a CLI on the operator's workstation (hubble, cilium-cli): the release
 * architecture, detected with `uname -m`, and the directory the binary goes to.
 */
import type { CheckInput } from '../../src/runbook/model.js';
import type { ParamDef } from '../../src/runbook/params.js';
import { type CommandTemplate, sh } from '../../src/runbook/template.js';

/** The parameters of both CLI install runbooks. */
export type ReleaseParams = { readonly arch: ParamDef; readonly installDir: ParamDef };

/** The CPU architecture in the release file name `<tool>-linux-<arch>.tar.gz`. */
export function releaseArch(tool: string): ParamDef {
  return {
    type: 'enum',
    values: ['amd64', 'arm64'],
    label: 'CPU 아키텍처',
    description:
      `작업하는 컴퓨터의 CPU 아키텍처입니다. 릴리스 파일 이름(${tool}-linux-<아키텍처>.tar.gz)에 들어갑니다. ` +
      'Intel·AMD 64비트는 amd64, ARM 64비트는 arm64입니다. 페이지에서 복사해 쓸 때는 uname -m의 결과에 맞게 바꾸세요.',
    example: 'amd64',
    detect: {
      command: sh`uname -m`,
      parse: (stdout) => ({ x86_64: 'amd64', aarch64: 'arm64', arm64: 'arm64' })[stdout.trim()],
      description: '작업하는 컴퓨터의 uname -m (x86_64 → amd64, aarch64 → arm64)',
    },
  };
}

/** Where the `<tool>` binary is installed: an absolute path on PATH that the user can write to. */
export function installDir(tool: string): ParamDef {
  return {
    type: 'string',
    pattern: /^\/[A-Za-z0-9._/-]*$/,
    label: '설치 디렉터리',
    description:
      `${tool} 실행 파일을 넣을 디렉터리의 절대 경로입니다. PATH에 들어 있어야 하고, 실행하는 사용자가 쓸 수 있어야 합니다. ` +
      '/usr/local/bin에 쓸 권한이 없으면 root 셸에서 실행하거나, 예를 들어 --param installDir=$HOME/.local/bin처럼 ' +
      '쓸 수 있는 디렉터리를 주세요.',
    default: '/usr/local/bin',
  };
}

/**
 * The downloaded release file matches the SHA-256 published next to it (`sha256sum --check` prints `<file>: OK`).
 * It checks integrity (the download is complete and unchanged), not who published it: both come from one origin.
 */
export function checksumMatches(tool: string, dir: string): CheckInput<ReleaseParams> {
  return {
    holds: `내려받은 ${tool}-linux-<아키텍처>.tar.gz가 릴리스에 올라온 SHA-256 체크섬과 같음`,
    test: ({ arch }) => sh`(cd ${dir} && sha256sum --check ${tool}-linux-${arch}.tar.gz.sha256sum)`,
    otherwise:
      '내려받은 파일이 없거나 체크섬이 다릅니다. 내려받기가 중간에 끊겼거나 파일이 바뀐 것이므로 설치하지 않고 멈춥니다. ' +
      'download 단계부터 다시 실행하세요.',
  };
}

/**
 * The binary unpacked from the release runs on this machine and is the tool (`version` prints `<ere>`): a release of
 * another architecture fails with "cannot execute binary file: Exec format error", another program prints otherwise.
 */
export function unpackedBinaryIs(
  tool: string,
  run: CommandTemplate,
  ere: string,
  what: string,
): CheckInput<ReleaseParams> {
  return {
    holds: `압축에서 나온 ${tool} 실행 파일이 이 컴퓨터에서 실행되는 ${what}임`,
    test: () => sh`${run} | grep -Eq ${ere}`,
    otherwise:
      `압축에서 나온 ${tool} 실행 파일이 이 컴퓨터에서 실행되지 않거나 ${what}가 아닙니다. ` +
      'Exec format error라면 아키텍처 매개변수(arch)가 이 컴퓨터의 uname -m과 맞는지 확인하세요. 설치하지 않고 멈춥니다.',
  };
}

/** The tool is found on PATH (`command -v` prints where); otherwise the install directory is not on PATH. */
export function onPath(tool: string): CheckInput<ReleaseParams> {
  return {
    holds: `PATH에서 ${tool} 명령을 찾음`,
    test: () => sh`command -v ${tool}`,
    otherwise: `PATH에 ${tool} 명령이 없습니다. 설치 디렉터리를 PATH에 넣은 뒤 이 단계를 다시 실행하세요.`,
  };
}
