/**
 * `shiki` as the published CLI uses it (src/cli/highlight.ts): `codeToTokensBase` for bash in github-dark, and
 * nothing else. scripts/pack-cli.mjs bundles this module in place of the whole of Shiki (every language and theme),
 * with the JavaScript regex engine instead of the Oniguruma WebAssembly one. test/package/pack.test.ts checks the
 * tokens equal full Shiki's for every runbook's script.
 */

import { createHighlighterCore } from 'shiki/core';
import bash from 'shiki/dist/langs/bash.mjs';
import githubDark from 'shiki/dist/themes/github-dark.mjs';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

let highlighter;

/** @type {import('shiki').codeToTokensBase} */
export async function codeToTokensBase(code, options) {
  highlighter ??= await createHighlighterCore({
    langs: [bash],
    themes: [githubDark],
    engine: createJavaScriptRegexEngine(),
  });
  return highlighter.codeToTokensBase(code, options);
}
