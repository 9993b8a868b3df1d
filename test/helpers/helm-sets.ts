/** Extracts the Helm values a rendered script sets with `--set key=value`, typed as Helm's strvals parser would. */
export interface HelmSet {
  readonly key: string;
  readonly raw: string;
  readonly value: string | number | boolean | null;
}

export function helmSets(script: string): HelmSet[] {
  const sets: HelmSet[] = [];
  for (const match of script.matchAll(/--set(?:=|\s+)([A-Za-z0-9_.[\]-]+)=(\S*)/g)) {
    const key = match[1] ?? '';
    const raw = match[2] ?? '';
    sets.push({ key, raw, value: typed(raw) });
  }
  return sets;
}

function typed(raw: string): string | number | boolean | null {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (/^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}
