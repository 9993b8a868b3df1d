// @ts-check
/**
 * Vite plugin: the site's lazily loaded modules (`import('./search-ui')`, `import('./param-form')`) depend on nothing
 * that needs preloading, yet Vite wraps every dynamic import of a literal path in its module-preload helper, ~500
 * bytes gzip on every page's first load (a third of the page script). Vite inserts the helper only for a specifier
 * that starts with a quote (vite:build-import-analysis, "Only preload static urls"); parenthesizing the literal after
 * esbuild has compiled the module keeps Rollup's chunking (the argument is still a string literal) without the
 * helper. Only modules under src/components/ are touched.
 * @returns {import('vite').Plugin}
 */
export function lazyChunksWithoutPreload() {
  return {
    name: 'lazy-chunks-without-preload',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!id.includes('/src/components/') || !/\bimport\(\s*["']\.\.?\//.test(code)) return null;
      return { code: code.replace(/\bimport\((\s*)(["'])(\.\.?\/[^"']+)\2\)/g, 'import(($2$3$2))'), map: null };
    },
  };
}
