import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * The kubeconfig files kubectl would read ($KUBECONFIG, else ~/.kube/config) when none of them exists, else undefined.
 * kubectl silently treats a missing file as an empty config, so "no current context" would hide the real cause.
 */
export function missingKubeconfigs(env: Readonly<Record<string, string | undefined>>): string[] | undefined {
  const files = env.KUBECONFIG
    ? env.KUBECONFIG.split(delimiter).filter(Boolean)
    : [join(env.HOME || homedir(), '.kube', 'config')];
  return files.length > 0 && files.every((f) => !existsSync(f)) ? files : undefined;
}
