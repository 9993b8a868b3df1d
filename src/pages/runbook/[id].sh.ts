/**
 * `runbook/<id>.sh`: the whole runbook as one script, `renderScript` with the page's values, byte for byte what
 * `runbook print <id>` prints. The page's "copy all" button fetches it on click instead of carrying the script in
 * every page (once the reader sets parameters, the form computes the script in the browser instead).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { catalog } from '../../../runbooks/index.js';
import { viewRunbook } from '../../components/runbook/runbook-view';

export const getStaticPaths = (() =>
  catalog.runbooks.map((rb) => ({ params: { id: rb.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(viewRunbook(params.id ?? '').script, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
