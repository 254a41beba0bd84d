import type { Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit `css` tagged templates at build time (comments and needless
 * whitespace), since bundlers leave template literals alone. `${...}` expressions and quoted
 * strings are kept exactly as written.
 */
export function minifyCssLiterals(): Plugin {
  return {
    name: 'nexus-minify-css-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: transformCssLiterals(code), map: null };
    },
  };
}

export function transformCssLiterals(code: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = code.indexOf('css`', i);
    if (start < 0) return out + code.slice(i);
    out += code.slice(i, start + 4);
    i = start + 4;
    let text = '';
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (code.startsWith('${', i)) {
        out += minifyCss(text);
        text = '';
        const end = matchBrace(code, i + 1);
        out += code.slice(i, end + 1);
        i = end + 1;
      } else {
        text += code[i++];
      }
    }
    out += minifyCss(text) + '`';
    i++;
  }
}

function matchBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) return i;
  }
  throw new Error('unbalanced ${ } in a css template');
}

/** Whitespace and comment removal that leaves strings and meaningful spaces alone. */
export function minifyCss(css: string): string {
  let out = '';
  for (let i = 0; i < css.length; ) {
    const ch = css[i];
    if (ch === '"' || ch === "'") {
      const end = css.indexOf(ch, i + 1);
      const stop = end < 0 ? css.length : end + 1;
      out += css.slice(i, stop);
      i = stop;
    } else if (css.startsWith('/*', i)) {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 2;
    } else if (/\s/.test(ch)) {
      while (i < css.length && /\s/.test(css[i])) i++;
      const prev = out[out.length - 1] ?? '';
      const next = css[i] ?? '';
      if (prev && next && !'{};,:>'.includes(prev) && !'{};,>'.includes(next)) out += ' ';
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/;}/g, '}');
}
