import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** The tools (by name) that are not executable anywhere on PATH. Spawns nothing. */
export async function missingTools(tools: readonly string[], path: string | undefined): Promise<string[]> {
  const dirs = (path ?? '').split(delimiter).filter(Boolean);
  const missing: string[] = [];
  for (const tool of tools) {
    let found = false;
    for (const dir of dirs) {
      try {
        await access(join(dir, tool), constants.X_OK);
        found = true;
        break;
      } catch {
        // not in this directory
      }
    }
    if (!found) missing.push(tool);
  }
  return missing;
}
