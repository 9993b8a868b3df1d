/**
 * `runbook/<id>.json`: a runbook's command templates and parameter rules, fetched by the parameter form on first use
 * (src/components/runbook/param-form.ts). Kept out of the page so a first visit does not pay for it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../runbooks/index.js';
import { runbookData } from '../../components/runbook/runbook-data';
import { viewRunbook } from '../../components/runbook/runbook-view';

export const getStaticPaths = (() =>
  catalog.runbooks.map((rb) => ({ params: { id: rb.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const view = viewRunbook(params.id ?? '');
  return new Response(JSON.stringify(runbookData(view.runbook, view.values)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
