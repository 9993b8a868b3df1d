/** Replaces the values of secret parameters with *** in any string inside an event (commands, output, params). */
export function masker(secrets: readonly string[]): <T>(value: T) => T {
  const needles = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (value) => value;
  const mask = (text: string) => needles.reduce((acc, needle) => acc.split(needle).join('***'), text);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return mask(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return <T>(value: T) => walk(value) as T;
}
