// @ts-check
/**
 * Facts about where the guide lives, written once. REPOSITORY_URL is the clone readers need before `npx runbook`
 * works (the site's footer and the 시작하기 page show it). Placeholder until the repository is published: change it
 * here only.
 */
export const REPOSITORY_URL = 'https://github.com/cilium-runbook/cilium-runbook-guide';
