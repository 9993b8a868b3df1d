/**
 * Parameters of the runbooks that install a CLI on the operator's workstation (hubble, cilium-cli): the release
 * architecture, detected with `uname -m`, and the directory the binary goes to.
 */
import type { ParamDef } from '../../src/runbook/params.js';
import { sh } from '../../src/runbook/template.js';

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
