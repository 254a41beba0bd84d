import { html, nothing, type TemplateResult } from 'lit';
import { NexusError } from '../core/errors.js';

// A labelled field of the portal's content forms (categories, new path, duplicate, help-id
// move), with its hint and, when refused, why (at the field: `role="alert"`, and the field is
// `aria-invalid` and described by it).

/** A refused field: which, and what is said at it. */
export interface FieldRefusal<Field extends string = string> {
  field: Field;
  message: string;
}

/** What a field's input is given: its id, whether it is refused, and the ids that describe it. */
export interface FieldAttributes {
  id: string;
  invalid: boolean;
  describedBy: string;
}

/** A label, the input `input` draws with `FieldAttributes`, the hint and the refusal (part `field-error`). */
export function renderField(
  options: { id: string; label: string; hint?: string; error?: string },
  input: (attributes: FieldAttributes) => TemplateResult,
): TemplateResult {
  const { id, hint, error } = options;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<label for=${id}>${options.label}</label>
    ${input({ id, invalid: Boolean(error), describedBy })} ${hint ? html`<p id="${id}-hint" class="muted">${hint}</p>` : nothing}
    ${error ? html`<p part="field-error" id="${id}-error" class="form-error" role="alert">${error}</p>` : nothing}`;
}

/**
 * The field a server's `invalid_request` names (its first detail's JSON pointer, `/title` or
 * `/path/title`), when it is one of `fields`; `words` says the server's message.
 */
export function fieldRefusal<Field extends string>(error: unknown, fields: readonly Field[], words: (message: string) => string): FieldRefusal<Field> | undefined {
  if (!(error instanceof NexusError) || error.code !== 'invalid_request') return undefined;
  const detail = error.details[0];
  const field = fields.find((name) => (detail?.path ?? '').split('/').includes(name));
  return field && { field, message: words(detail?.message ?? error.message) };
}
