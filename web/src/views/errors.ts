import { ApiError } from '../api';
import { h } from '../dom';

/** Replaces a region's content with what went wrong, announced to screen readers. */
export function showError(region: HTMLElement, error: unknown): void {
  const message = error instanceof ApiError ? error.message : `Could not reach the server: ${error instanceof Error ? error.message : String(error)}`;
  region.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
  region.setAttribute('aria-busy', 'false');
}
