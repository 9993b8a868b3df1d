/**
 * The one shell quoting used for display and execution.
 *
 * zx's default `quote` renders any non-ASCII text (all Korean) or a space as bash `$'…'`, which readers find hard to
 * read and which is not POSIX. We quote the way a person would: leave shell-safe words alone, otherwise wrap the value
 * in single quotes and write an embedded `'` as `'\''`. The renderer and the executor both go through this function,
 * so the text a page shows is the text bash receives.
 */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quote(value: string): string {
  if (value === '') return "''";
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
