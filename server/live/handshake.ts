/** The WebSocket upgrade request of the live endpoint, checked before the WebSocket library sees it. */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/** A Sec-WebSocket-Key: 16 bytes in base64. */
const HANDSHAKE_KEY = /^[+/0-9A-Za-z]{22}==$/;
/** A Sec-WebSocket-Protocol list: comma-separated tokens. */
const PROTOCOL_LIST = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\s*,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)*$/;

/**
 * The checks the WebSocket library makes of an upgrade request, made first so that a bad one is
 * answered like every other error (400 `invalid_request` in the documented body) rather than
 * with the library's own plain-text page.
 */
export async function checkHandshake(request: FastifyRequest) {
  const { upgrade } = request.headers;
  if (upgrade === undefined) return;
  const bad = (message: string) => new ApiError(400, 'invalid_request', message);
  if (upgrade.toLowerCase() !== 'websocket') throw bad('this endpoint upgrades to WebSocket only');
  const { 'sec-websocket-key': key, 'sec-websocket-version': version, 'sec-websocket-protocol': protocols } = request.headers;
  if (typeof key !== 'string' || !HANDSHAKE_KEY.test(key.trim())) throw bad('the WebSocket handshake needs a valid Sec-WebSocket-Key header');
  if (version !== '13' && version !== '8') throw bad('the WebSocket handshake needs Sec-WebSocket-Version 13');
  if (protocols !== undefined && !PROTOCOL_LIST.test(protocols.trim())) throw bad('the Sec-WebSocket-Protocol header is not a list of protocol names');
}
