/**
 * `runbook/<id>/<step>.txt`: a step's sample output, as the runbook defines it. The page's "예상 출력" block is
 * collapsed, so the page does not carry the text: opening the block fetches this file (samples.ts), and without
 * JavaScript the block links to it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../../runbooks/index.js';

export const getStaticPaths = (() =>
  catalog.runbooks.flatMap((rb) =>
    rb.steps.flatMap((step) =>
      step.sampleOutput === undefined
        ? []
        : [{ params: { id: rb.id, step: step.id }, props: { text: step.sampleOutput } }],
    ),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string }> = ({ props }) =>
  new Response(props.text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
