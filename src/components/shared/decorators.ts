import type { PropertyDeclaration, ReactiveElement } from 'lit';

/*
 * `@property`, `@state` and `@query` for TypeScript's experimental decorators, which this
 * project compiles with (tsconfig `experimentalDecorators`; see docs/architecture.md): the part
 * of `lit/decorators.js` the elements use, without its support for standard decorators, in a
 * few lines. The manifest analyzer recognizes `@property` by its name, as with Lit's.
 */

/** A reactive property: changing it re-renders the element; `options` as Lit's `@property`. */
export const property =
  (options?: PropertyDeclaration) =>
  (proto: ReactiveElement, name: PropertyKey): void =>
    (proto.constructor as typeof ReactiveElement).createProperty(name, options);

/** A reactive property that is internal state (no attribute). */
export const state = (): ReturnType<typeof property> => property({ state: true, attribute: false });

/** A getter for the first element in the render root that matches `selector` (null if none). */
export const query =
  (selector: string) =>
  (proto: ReactiveElement, name: PropertyKey): void => {
    Object.defineProperty(proto, name, {
      get(this: ReactiveElement) {
        return this.renderRoot?.querySelector(selector) ?? null;
      },
      configurable: true,
      enumerable: true,
    });
  };
