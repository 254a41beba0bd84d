/**
 * Checking what clients send on the WebSocket: JSON at most LIMITS.maxJsonDepth deep, a known `type`, the frame's schema (compiled
 * once with TypeBox), and which side may send it.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LIMITS, type ErrorCode } from '../../src/protocol/api.js';
import { COBROWSE_AGENT_FRAMES, COBROWSE_CUSTOMER_FRAMES } from '../../src/protocol/cobrowse.js';
import { jsonDepthWithin } from '../../src/protocol/json-bounds.js';
import { ClientFrame } from '../../src/protocol/live.js';

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
export const AGENT_FRAMES: ReadonlySet<string> = new Set(['status', 'accept', 'subscribe', 'unsubscribe', ...COBROWSE_AGENT_FRAMES]);

/** Frames only customers send. */
export const CUSTOMER_FRAMES: ReadonlySet<string> = new Set(COBROWSE_CUSTOMER_FRAMES);

export type FrameCheck = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; message: string; ref?: string };

const refOf = (value: Record<string, unknown>) =>
  typeof value.clientId === 'string' ? value.clientId : typeof value.sessionId === 'string' ? value.sessionId : undefined;

/** Parses and checks one text frame. */
export function parseFrame(text: string): FrameCheck {
  if (!jsonDepthWithin(text, LIMITS.maxJsonDepth)) {
    return { ok: false, code: 'json_too_deep', message: `a frame nests arrays and objects at most ${LIMITS.maxJsonDepth} levels deep` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'frame_invalid', message: 'a frame must be a JSON object' };
  }
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
