import DOMPurify from 'dompurify';
import type { Step } from '../../protocol/schemas.js';

/** A DOMPurify instance of our own, so our hook does not change sanitizing elsewhere on the page. */
const purifier = typeof window === 'undefined' ? undefined : DOMPurify(window);

const SANITIZE = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'link', 'meta', 'base', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'portal',
    'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'fieldset', 'output', 'dialog',
  ],
  FORBID_ATTR: ['style', 'action', 'formaction', 'target', 'srcset', 'ping'],
  ALLOW_DATA_ATTR: false,
  // Author ids become "user-content-…", so they cannot clash with the element's own ids.
  SANITIZE_NAMED_PROPS: true,
};

purifier?.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const sanitized = new WeakMap<Step, string>();

/**
 * HTML with everything dangerous removed, by the rules step bodies are rendered with (the
 * portal's editor saves what these rules keep, so what an author sees is what customers see).
 */
export function sanitizeHtml(html: string): string {
  return purifier?.isSupported ? purifier.sanitize(html, SANITIZE) : escapeText(html);
}

/** The step's body with everything dangerous removed (cached per step object). */
export function sanitizedBody(step: Step): string {
  let body = sanitized.get(step);
  if (body === undefined) {
    body = sanitizeHtml(step.body ?? '');
    sanitized.set(step, body);
  }
  return body;
}

/** Without a working sanitizer, show the markup as text rather than render it. */
function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
