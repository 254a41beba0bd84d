/**
 * Checking what clients send on the WebSocket: JSON at most LIMITS.maxJsonDepth deep, a known `type`, the frame's schema (compiled
 * once with TypeBox), and which side may send it.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LIMITS, type ErrorCode } from '../../src/protocol/api.js';
import { COBROWSE_AGENT_FRAMES, COBROWSE_CUSTOMER_FRAMES } from '../../src/protocol/cobrowse.js';
import { jsonDepthWithin } from '../../src/protocol/json-bounds.js';
import { ClientFrame } from '../../src/protocol/live.js';
import { ApiError } from '../errors.js';

/**
 * One compiled checker per frame type, from the members of the ClientFrame union: a frame is
 * checked against the schema its `type` names, so errors point at the field that is wrong.
 */
const checkers = new Map(
  ClientFrame.anyOf.map((schema) => [(schema.properties.type as { const: string }).const, TypeCompiler.Compile(schema)]),
);

/** Every frame type a client may send. */
export const FRAME_TYPES: ReadonlySet<string> = new Set(checkers.keys());

/** Frames only agents send. */
export const AGENT_FRAMES: ReadonlySet<string> = new Set(['status', 'accept', 'transfer', 'subscribe', 'unsubscribe', 'renew', ...COBROWSE_AGENT_FRAMES]);

/** Frames only customers send. */
export const CUSTOMER_FRAMES: ReadonlySet<string> = new Set(COBROWSE_CUSTOMER_FRAMES);

export type FrameCheck = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; message: string; ref?: string };

const refOf = (value: Record<string, unknown>) =>
  typeof value.clientId === 'string' ? value.clientId : typeof value.sessionId === 'string' ? value.sessionId : undefined;

/**
 * Whether a parsed JSON value nests at most `max` arrays and objects deep (as jsonDepthWithin
 * counts), found without recursion. JSON.parse itself does not recurse (V8's parser keeps its
 * own stack) and a frame is at most LIVE_LIMITS.maxFrameBytes, so the text can be parsed first
 * and its depth read from the few objects of the result, rather than from every character of a
 * text that is mostly one long string; nothing recursive (the schema check, JSON.stringify) sees
 * the value before this check passed.
 */
export function valueDepthWithin(value: unknown, max: number): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const node = values.pop();
    const depth = depths.pop()! + 1;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return false;
    const items = Array.isArray(node) ? (node as unknown[]) : Object.values(node);
    for (let i = 0; i < items.length; i++) {
      values.push(items[i]);
      depths.push(depth);
    }
  }
  return true;
}

const tooDeep = (): FrameCheck => ({
  ok: false,
  code: 'json_too_deep',
  message: `a frame nests arrays and objects at most ${LIMITS.maxJsonDepth} levels deep`,
});

/** Parses and checks one text frame. */
export function parseFrame(text: string): FrameCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON: too deep is the answer when it is also that (as when the depth was read first).
    if (!jsonDepthWithin(text, LIMITS.maxJsonDepth)) return tooDeep();
    return { ok: false, code: 'frame_invalid', message: 'a frame must be a JSON object' };
  }
  if (!valueDepthWithin(value, LIMITS.maxJsonDepth)) return tooDeep();
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, code: 'frame_invalid', message: 'a frame must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string') return { ok: false, code: 'frame_invalid', message: 'a frame needs a string type' };
  const checker = checkers.get(record.type);
  if (!checker) return { ok: false, code: 'frame_unknown', message: `unknown frame type '${record.type.slice(0, 40)}'` };
  if (!checker.Check(value)) {
    const error = checker.Errors(value).First();
    const where = error?.path || '/';
    return { ok: false, code: 'frame_invalid', message: `${record.type}: ${where}: ${error?.message ?? 'is not valid'}`, ref: refOf(record) };
  }
  return { ok: true, frame: value as ClientFrame };
}

/**
 * `parseFrame` for a frame as it came over the wire. A `cobrowse.events` frame written as the
 * clients write it (`data` last) is parsed without its data: only the bytes before `,"data":"`
 * are decoded and parsed (with the schema checked, `data` standing in as ''), and the frame's
 * `data` is decoded from the bytes the first time something reads it, which on the relay's path
 * nothing does: the relay passes the data on still escaped (`escapedDataOf`) and reads its depth
 * from those bytes, which `JsonDepthScanner.feedQuoted` also proves to be the inside of one JSON
 * string. Bytes that are not (say, a second `data` member: frames are I-JSON, RFC 7493, with no
 * member named twice) make reading `data` throw `frame_invalid`. Anything else is parsed whole.
 *
 * Why the part before the data is enough: a `"` inside a string is escaped, so the first
 * `,"data":"` in the bytes is a key; cut there and closed with `}`, the text parses only when
 * that key belongs to the frame's own object (a key of a nested value leaves a bracket open),
 * and then the frame is the parsed part plus the data.
 */
export function parseFrameBytes(bytes: Buffer): FrameCheck {
  return eventsFrame(bytes) ?? parseFrame(bytes.toString());
}

function eventsFrame(bytes: Buffer): FrameCheck | undefined {
  const range = quotedDataRange(bytes);
  const comma = range && range.start - DATA_KEY.length - 1;
  if (!range || bytes[comma!] !== 0x2c /* , */) return undefined;
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(`${bytes.toString('utf8', 0, comma)}}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (head?.type !== 'cobrowse.events' || !valueDepthWithin(head, LIMITS.maxJsonDepth)) return undefined;
  head.data = '';
  // A frame the schema refuses is parsed again whole, for the message `parseFrame` gives.
  if (!checkers.get('cobrowse.events')!.Check(head)) return undefined;
  const { id, seq, part, parts } = head as unknown as EventsFields;
  return { ok: true, frame: new EscapedEvents(undefined, id, seq, part, parts, { bytes, start: range.start, end: range.end }) };
}

/** The fields of a `cobrowse.events` frame other than its data. */
interface EventsFields {
  id: string;
  seq: number;
  part: number;
  parts: number;
}

/** The bytes of a frame's `data` still JSON-escaped, `bytes[start..end)`, between its quotes. */
export interface EscapedData {
  bytes: Buffer;
  start: number;
  end: number;
}

/**
 * A `cobrowse.events` frame, the customer's (no `sessionId`) or the agents', whose `data` stays
 * JSON-escaped in the bytes it came in until something reads it (a bus to other processes
 * through `toJSON`, the recording); reading it refuses the frame with `frame_invalid` when those
 * bytes are not one JSON string.
 */
export class EscapedEvents<S extends string | undefined = string | undefined> implements EventsFields {
  readonly type = 'cobrowse.events' as const;
  private decoded: string | undefined = undefined;

  constructor(
    readonly sessionId: S,
    readonly id: string,
    readonly seq: number,
    readonly part: number,
    readonly parts: number,
    readonly escaped: EscapedData,
  ) {}

  get data(): string {
    if (this.decoded === undefined) {
      const { bytes, start, end } = this.escaped;
      try {
        this.decoded = JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string;
      } catch {
        throw new ApiError(400, 'frame_invalid', 'cobrowse.events: a frame must be a JSON object that names data once');
      }
    }
    return this.decoded;
  }

  toJSON() {
    const { type, sessionId, id, seq, part, parts, data } = this;
    return { type, sessionId, id, seq, part, parts, data };
  }
}

/** The escaped data of a frame `parseFrameBytes` parsed without it; undefined for any other frame. */
export const escapedDataOf = (frame: object): EscapedData | undefined => (frame instanceof EscapedEvents ? frame.escaped : undefined);

/**
 * Where the `data` string of a `cobrowse.events` frame is in the frame's bytes as received, when
 * the frame ends with it, as the clients write it (`…,"data":"…"}`): the range inside its quotes,
 * still JSON-escaped. The relay passes that range on as it came rather than escaping the string
 * again. Only a candidate: `JsonDepthScanner.feedQuoted` confirms, as it reads the range, that it
 * is the inside of one string literal (a `"` with no backslash before it can only be JSON's own,
 * so the first `,"data":"` or `{"data":"` in the bytes is a key `data` and the opening quote of
 * its value; ending right before the final `}` makes it the last member of the frame's object,
 * the one JSON.parse kept).
 */
export function quotedDataRange(bytes: Buffer): { start: number; end: number } | undefined {
  const length = bytes.length;
  if (length < 12 || bytes[length - 1] !== 0x7d /* } */ || bytes[length - 2] !== 0x22 /* " */) return undefined;
  const at = bytes.indexOf(DATA_KEY);
  if (at <= 0 || (bytes[at - 1] !== 0x2c /* , */ && bytes[at - 1] !== 0x7b) /* { */) return undefined;
  return { start: at + DATA_KEY.length, end: length - 2 };
}

const DATA_KEY = Buffer.from('"data":"');

/** Where a frame keeps its text encoding when it was made as text (`withText`). */
const TEXT = Symbol('text');

/**
 * Gives a frame its encoding, made by the caller (the relay's, with the rrweb data as it came):
 * a connection sends that rather than `JSON.stringify(frame)`. It is a symbol-keyed property, so
 * JSON.stringify leaves it out (a bus between processes carries the frame only, and the
 * receiving process encodes it again).
 */
export function withText<T extends object>(frame: T, text: Buffer): T {
  Object.defineProperty(frame, TEXT, { value: text });
  return frame;
}

/** The encoding `withText` gave a frame (UTF-8 JSON text), if any. */
export const textOf = (frame: object): Buffer | undefined => (frame as { [TEXT]?: Buffer })[TEXT];
