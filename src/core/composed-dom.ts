/**
 * DOM helpers of co-browse shared by the customer's page (applying the agent's inputs) and the
 * agent's view (picking what the agent points at): both look across shadow roots.
 */

/** Input types an agent in control may type into (never password, hidden or file). */
export const TEXT_FIELD_TYPES = /^(text|search|email|tel|url|number|date|time|datetime-local|month|week)$/i;

/** `closest()` across shadow roots: the element or an ancestor (through hosts) matching `selector`. */
export function composedClosest(element: Element, selector: string): Element | null {
  for (let at: Element | null = element; at; ) {
    const found = at.closest(selector);
    if (found) return found;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
