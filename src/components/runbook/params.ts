/**
 * The parameter form's first-load part. The form's code and the runbook templates (param-form.ts,
 * runbook/<id>.json) load on first focus of a form, or at once when this browser has saved values to apply.
 * Copy buttons wait for {@link paramsReady}, so a click never copies a payload that is about to change.
 */
export const STORAGE_KEY = 'runbook-params';

let ready: Promise<void> | undefined;

/** Settles when the page shows the reader's values (immediately when there is nothing to apply). */
export function paramsReady(): Promise<void> {
  return ready ?? Promise.resolve();
}

function hasSaved(): boolean {
  try {
    return Object.keys(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')).length > 0;
  } catch {
    return false;
  }
}

export function initParams(): void {
  // Read-only in the HTML, so without JavaScript nobody types a value that changes nothing.
  for (const input of document.querySelectorAll<HTMLInputElement>('[data-param-input]')) input.readOnly = false;
  const forms = document.querySelectorAll('[data-param-form]');
  if (forms.length === 0 && !document.querySelector('[data-param]')) return;
  const load = () => {
    ready ??= import('./param-form').then((form) => form.start()).catch(() => undefined);
  };
  if (hasSaved()) load();
  else for (const form of forms) form.addEventListener('focusin', load, { once: true });
}
