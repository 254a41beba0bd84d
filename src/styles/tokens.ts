import { css, unsafeCSS } from 'lit';

/**
 * Global design tokens. A page (or a theme stylesheet) sets any of these custom properties on
 * an ancestor of the elements — `:root { --nexus-color-primary: #0a7d4f }` — and every element
 * follows. Colour values are `[light, dark]`, chosen with `light-dark()` by the standard,
 * inherited `color-scheme` property: the elements are light on a light page and dark on a page
 * that declares `color-scheme: dark`; `color-scheme: light dark` on the page or on an element
 * follows the visitor's system setting.
 *
 * This table is the single source: the element styles read the tokens through the private
 * `--_nexus-*` variables below, and a test checks that no element reads a token not listed here.
 */
export const TOKENS = {
  'color-primary': ['#1d5fd1', '#86aefc'],
  'color-on-primary': ['#ffffff', '#0b1a33'],
  'color-surface': ['#ffffff', '#16181d'],
  'color-surface-raised': ['#f4f6fa', '#20242c'],
  'color-text': ['#1b1f27', '#e8eaef'],
  'color-text-muted': ['#555e6e', '#a7afbd'],
  'color-border': ['#d5dae3', '#363c48'],
  'color-focus-ring': ['#1d5fd1', '#86aefc'],
  'color-danger': ['#b3261e', '#ffb4ab'],
  'color-success': ['#146c2e', '#7dd99a'],
  'color-mark': ['#fff1a8', '#5c4b00'],
  'font-family': ['system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'],
  'font-family-mono': ['ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'],
  'font-size-small': ['0.8125rem'],
  'font-size-medium': ['0.9375rem'],
  'font-size-large': ['1.125rem'],
  'font-size-x-large': ['1.375rem'],
  'font-weight-bold': ['600'],
  'line-height': ['1.5'],
  'radius-small': ['4px'],
  'radius-medium': ['8px'],
  'radius-large': ['14px'],
  'space-x-small': ['0.25rem'],
  'space-small': ['0.5rem'],
  'space-medium': ['0.75rem'],
  'space-large': ['1rem'],
  'space-x-large': ['1.5rem'],
  'shadow-small': ['0 1px 2px rgb(0 0 0 / 0.08)', '0 1px 2px rgb(0 0 0 / 0.5)'],
  'shadow-medium': ['0 4px 14px rgb(0 0 0 / 0.12)', '0 4px 14px rgb(0 0 0 / 0.55)'],
  'transition-duration': ['150ms'],
} as const satisfies Record<string, readonly [string] | readonly [string, string]>;

export type TokenName = keyof typeof TOKENS;

const declarations = Object.entries(TOKENS)
  .map(([name, values]) => {
    const fallback = values.length === 2 ? `light-dark(${values[0]}, ${values[1]})` : values[0];
    return `--_nexus-${name}: var(--nexus-${name}, ${fallback});`;
  })
  .join('\n');

/**
 * Resolves every global token into a private variable on the host, with the built-in default
 * as fallback. Element styles read only the private `--_nexus-*` names.
 */
export const tokenStyles = css`
  @layer nexus {
    :host {
      ${unsafeCSS(declarations)}
    }
  }
`;
