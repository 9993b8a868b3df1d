/**
 * Shell text coloured for a terminal with Shiki (the same grammar the site uses), as 24-bit ANSI. Only for a TTY:
 * piped output stays byte-for-byte the rendered text. Loaded lazily; Shiki takes ~0.3 s to start.
 */
export async function highlightShell(text: string): Promise<string> {
  const { codeToTokensBase } = await import('shiki');
  const lines = await codeToTokensBase(text, { lang: 'bash', theme: 'github-dark' });
  return lines
    .map((tokens) =>
      tokens
        .map((t) => {
          const rgb = t.color && /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(t.color);
          if (!rgb) return t.content;
          const [r, g, b] = [rgb[1], rgb[2], rgb[3]].map((h) => Number.parseInt(h ?? '0', 16));
          return `\u001b[38;2;${r};${g};${b}m${t.content}\u001b[39m`;
        })
        .join(''),
    )
    .join('\n');
}
