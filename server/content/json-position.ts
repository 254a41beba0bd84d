/**
 * Where a JSON text stops being valid. `JSON.parse` does not always say (Node 20 reports
 * "Unexpected token" without a position), and content authors need a line and column.
 */

export interface TextPosition {
  line: number;
  column: number;
}

/** Offset of the first character at which `text` is not JSON; -1 when it parses. */
export function invalidJsonOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError();
  };
  const space = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const expect = (char: string) => {
    space();
    if (text[i] !== char) fail();
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      }
    }
  };
  const scalar = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  const value = (): void => {
    space();
    if (text[i] === '{') return list('}', () => (string(), expect(':'), value()));
    if (text[i] === '[') return list(']', value);
    if (text[i] === '"') return string();
    scalar.lastIndex = i;
    if (!scalar.test(text)) fail();
    i = scalar.lastIndex;
  };
  try {
    value();
    space();
    return i < text.length ? i : -1;
  } catch {
    // A syntax error, or nesting too deep to follow: either way the text stops here.
    return i;
  }
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
