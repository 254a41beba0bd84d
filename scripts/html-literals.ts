import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Drops the indentation after line breaks in the static text of Lit `html` and `svg` tagged
 * templates at build time (bundlers leave template literals alone). Only the indentation goes:
 * line breaks stay (so do line numbers, for source maps), `${...}` expressions are not touched,
 * and a run of whitespace still renders as the one space it rendered before. (Text in `<pre>`,
 * `<textarea>` or under `white-space: pre` would change; the elements have none in their
 * templates.)
 */
export function trimHtmlLiterals(): Plugin {
  return {
    name: 'nexus-trim-html-literals',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|svg)`/.test(code)) return null;
      return { code: trimHtmlIndentation(code), map: null };
    },
  };
}

export function trimHtmlIndentation(code: string): string {
  const source = ts.createSourceFile('template.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'svg')) {
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const literal of literals) {
        // The literal's source text, with its delimiters (` or } and ${ or `), which hold no line break.
        const start = literal.getStart(source);
        const raw = code.slice(start, literal.end);
        const text = raw.replace(/\n[ \t]+/g, '\n');
        if (text !== raw) edits.push({ start, end: literal.end, text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
  return out;
}
