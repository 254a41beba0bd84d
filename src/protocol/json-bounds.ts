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
}

/** Whether a whole JSON text nests at most `max` levels deep. */
export function jsonDepthWithin(text: string, max: number): boolean {
  return new JsonDepthScanner().feed(text, max);
}
