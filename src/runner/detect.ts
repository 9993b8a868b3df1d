import type { Runbook } from '../runbook/model.js';
import { renderCommand } from '../runbook/render.js';
import type { ProcessRunner } from './ports.js';

/**
 * Reads the values of parameters the operator did not give, using each parameter's read-only detector against the
 * pinned target. A detector that fails or finds nothing leaves the value out; resolveParams then says what to pass.
 */
export async function detectParams(
  runner: ProcessRunner,
  runbook: Runbook,
  given: Readonly<Record<string, string>>,
  options: { env: Readonly<Record<string, string>>; cwd: string; signal: AbortSignal },
): Promise<Record<string, string>> {
  const detected: Record<string, string> = {};
  for (const [name, def] of Object.entries(runbook.params)) {
    if (given[name] !== undefined || !def.detect) continue;
    const result = await runner.run({
      script: renderCommand(def.detect.command, {}),
      env: options.env,
      cwd: options.cwd,
      timeoutMs: 30_000,
      signal: options.signal,
      stepId: `param:${name}`,
      role: 'detect',
    });
    const value = result.exitCode === 0 ? def.detect.parse(result.stdout) : undefined;
    if (value !== undefined && value !== '') detected[name] = value;
  }
  return detected;
}
