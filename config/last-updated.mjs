// @ts-check
/**
 * Build time: the date a page last changed, for its "마지막 수정" line ([...slug].astro). The frontmatter `updated`
 * wins; otherwise the date of the last commit that touched the page's file (git log), or nothing when git cannot tell
 * (not a clone, or the file is not committed yet). Lives in config/ because it runs git: components stay pure.
 */
import { execFileSync } from 'node:child_process';

/**
 * @param {string} file the page's source file
 * @param {Date} [frontmatter] the page's `updated`
 * @returns {string | undefined} `YYYY-MM-DD`
 */
export function lastUpdated(file, frontmatter) {
  if (frontmatter) return frontmatter.toISOString().slice(0, 10);
  try {
    const date = execFileSync('git', ['log', '-1', '--format=%cs', '--', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined;
  } catch {
    return undefined;
  }
}
