/**
 * How deeply a JSON text nests, found by reading its characters once, without parsing it and
 * without recursion: the one check of depth that the server runs on every untrusted JSON text
 * (REST bodies, WebSocket frames, co-browse batches, stored values read back) before anything
 * parses or serializes it, and that the client runs on what it is about to send. Recursive code
 * (JSON.stringify, schema checks, renderers) overflows its stack on a value nested a few thousand
 * levels deep; a value that passed this check cannot make it do so.
 *
 * Depth counts open arrays and objects: `1` is 0, `[]` and `{"a":1}` are 1, `{"a":[1]}` is 2.
 * Brackets inside strings do not count. The text need not be valid JSON: the parser says that.
 */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The deepest nesting seen so far. */
  deepest = 0;

  /**
   * Reads the next piece of the text (a text may come in several pieces, as a co-browse batch
   * does); returns false as soon as the nesting goes deeper than `max`.
   */
  feed(piece: string, max: number): boolean {
    let { depth, inString, escaped, deepest } = this;
    let within = true;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c /* \ */) escaped = true;
        else if (c === 0x22 /* " */) inString = false;
      } else if (c === 0x22) {
        inString = true;
      } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        depth++;
        if (depth > deepest) deepest = depth;
        if (depth > max) {
          within = false;
          break;
        }
      } else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && depth > 0) {
        depth--;
      }
    }
    Object.assign(this, { depth, inString, escaped, deepest });
    return within;
  }

  /**
   * `feed` for a piece that is still in its JSON-escaped form: `bytes[start..end)` (UTF-8, as it
   * came over the wire) is the inside of a JSON string literal whose closing quote is at `end`. The
   * escapes are read as the text they stand for (`\"`, `\\`, `\u005b`...), so the answer is the
   * one `feed` gives for the decoded string. Returns undefined, and reads nothing, when the range
   * is not the inside of one string literal as JSON writes it (a quote that ends it earlier, a
   * control character, an escape JSON does not have, or `end` escaped), so an answer other than
   * undefined also proves the bytes parse as that string (when they are valid UTF-8, which a
   * WebSocket text frame is). Every character that matters here is ASCII, and no byte of a
   * multi-byte UTF-8 character is.
   */
  feedQuoted(bytes: Uint8Array, start: number, end: number, max: number): boolean | undefined {
    let { depth, inString, escaped, deepest } = this;
    let within = true;
    for (let i = start; i < end; i++) {
      let c = bytes[i];
      // Most bytes are none of the six that matter: they only end an escape.
      if (MATTERS[c] === 0) {
        escaped = false;
        continue;
      }
      // A quote or a control character cannot be inside a string literal.
      if (c === 0x22 || c < 0x20) return undefined;
      if (c === 0x5c) {
        c = bytes[++i];
        if (c === 0x75 /* u */) {
          c = hex(bytes, i + 1);
          i += 4;
          if (c < 0) return undefined;
        } else if (ESCAPES[c] !== 1) {
          return undefined;
        }
        if (i >= end) return undefined;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) {
        inString = true;
      } else if (c === 0x5b || c === 0x7b) {
        depth++;
        if (depth > deepest) deepest = depth;
        if (depth > max) {
          within = false;
          break;
        }
      } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
        depth--;
      }
    }
    Object.assign(this, { depth, inString, escaped, deepest });
    return within;
  }
}

/** The bytes `feedQuoted` acts on: `"`, `\\`, `[`, `{`, `]`, `}`, and the control characters it refuses. */
const MATTERS = new Uint8Array(256);
for (const c of '"\\[{]}') MATTERS[c.charCodeAt(0)] = 1;
MATTERS.fill(1, 0, 0x20);

/** What may follow a backslash in a JSON string (`u` is read with its four hex digits). */
const ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPES[c.charCodeAt(0)] = 1;

/** The code of the four hex digits at `bytes[at..at + 4)` (a `\\uXXXX` escape); -1 when they are not. */
function hex(bytes: Uint8Array, at: number): number {
  let code = 0;
  for (let i = at; i < at + 4; i++) {
    const b = i < bytes.length ? bytes[i] : -1;
    const digit = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 0x37 : b >= 0x61 && b <= 0x66 ? b - 0x57 : -1;
    if (digit < 0) return -1;
    code = code * 16 + digit;
  }
  return code;
}

/** Whether a whole JSON text nests at most `max` levels deep. */
export function jsonDepthWithin(text: string, max: number): boolean {
  return new JsonDepthScanner().feed(text, max);
}
