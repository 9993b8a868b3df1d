/**
 * The evaluator's reasons (src/policy, English, also used by the tests and tools) in Korean for the page, as text
 * and code parts: policy and pod names stay as the API spells them, in `<code>`. A reason in a shape this does not
 * know is shown as it is, in code, rather than half translated.
 */
export interface ReasonPart {
  readonly text: string;
  readonly code?: boolean;
}

const DIRECTION: Record<string, string> = { egress: '이그레스', ingress: '인그레스' };
const code = (text: string): ReasonPart => ({ text, code: true });
const text = (t: string): ReasonPart => ({ text: t });
/** `NetworkPolicy petclinic/a, CiliumNetworkPolicy b` → code parts separated by commas. */
const names = (list: string): ReasonPart[] =>
  list.split(', ').flatMap((n, i) => (i === 0 ? [code(n)] : [text(', '), code(n)]));

const RULES: [RegExp, (m: RegExpExecArray) => ReasonPart[]][] = [
  [
    /^(egress|ingress) of (\S+): (.+) denied by (.+) \(deny rules win\)$/,
    (m) => [
      code(m[2] ?? ''),
      text(`의 ${DIRECTION[m[1] ?? '']}: `),
      code(m[3] ?? ''),
      text(' 연결을 '),
      ...names(m[4] ?? ''),
      text('가 거부함 (거부 규칙이 우선)'),
    ],
  ],
  [
    /^(egress|ingress) of (\S+): not isolated \(no policy selects it for \w+\)$/,
    (m) => [code(m[2] ?? ''), text(`의 ${DIRECTION[m[1] ?? '']}: 이 방향을 고르는 정책이 없어 막히지 않음`)],
  ],
  [
    /^(egress|ingress) of (\S+): isolated by (.+); no \w+ rule allows (.+)$/,
    (m) => [
      code(m[2] ?? ''),
      text(`의 ${DIRECTION[m[1] ?? '']}이 `),
      ...names(m[3] ?? ''),
      text('에 막힘: '),
      code(m[4] ?? ''),
      text(`을 허용하는 ${DIRECTION[m[1] ?? '']} 규칙 없음`),
    ],
  ],
  [
    /^(egress|ingress) of (\S+): (.+) allowed by (.+)$/,
    (m) => [
      code(m[2] ?? ''),
      text(`의 ${DIRECTION[m[1] ?? '']}: `),
      code(m[3] ?? ''),
      text(' 연결을 '),
      ...names(m[4] ?? ''),
      text('가 허용함'),
    ],
  ],
];

export function reasonKo(reason: string): ReasonPart[] {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(reason);
    if (m) return render(m);
  }
  return [code(reason)];
}
