/**
 * The explicit list of runbooks. Works the same in Node (CLI, tests) and Vite (the site): no globbing.
 * Adding a runbook = one file in this folder + one line here.
 */
import { createCatalog } from '../src/runbook/catalog.js';
import kprEnable from './kpr-enable.js';
import kprRollback from './kpr-rollback.js';

export const catalog = createCatalog([kprEnable, kprRollback]);
