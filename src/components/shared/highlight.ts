import { html, type TemplateResult } from 'lit';
import { splitHighlights } from '../../protocol/api.js';

/** Renders server highlights as text and `<mark>` elements (never as HTML). */
export function highlighted(value: string): TemplateResult[] {
  return splitHighlights(value).map((segment) =>
    segment.match ? html`<mark part="mark">${segment.text}</mark>` : html`${segment.text}`,
  );
}
