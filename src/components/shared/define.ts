/**
 * Registers a custom element once. Defining the same tag again (two copies of the library, or
 * a bundle loaded twice) warns instead of throwing, and the first definition stays.
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) customElements.define(tag, element);
  else if (existing !== element) console.warn(`<${tag}> is already defined by another copy of Nexus Connect; keeping the first.`);
}
