/**
 * Sign-in sessions of people: a cookie holding a random id, kept server-side by its SHA-256
 * (auth_sessions), and the CSRF token derived from it (docs/security.md#accounts).
 *
 * - The cookie `nexus_session`: HttpOnly, SameSite=Lax, Path=/, Secure unless the request came
 *   over http to localhost or 127.0.0.1 (a browser keeps no Secure cookie from plain http). Cookies
 *   are read and written by the few lines below (no cookie plugin).
 * - A session ends after SESSION_IDLE_MS without use, SESSION_MAX_MS after sign-in whatever the
 *   use, at sign-out, or when the account signs out everywhere, changes its password or is
 *   disabled.
 * - CSRF: every unsafe request (POST...) made with the cookie must send `X-CSRF-Token`, the
 *   SHA-256 of `csrf:` and the cookie's id: a page of another site can make the browser send the
 *   cookie, but cannot read the token (it is only in this origin's answers).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '../../src/protocol/api.js';
import { ApiError } from '../errors.js';
import { newId } from '../ids.js';
import type { AccountRecord, AuthSessionRecord, StaffRole } from '../store/account-types.js';
import type { Store } from '../store/types.js';

export const SESSION_COOKIE = 'nexus_session';
/** A session unused this long ends: 12 hours. */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** A session ends this long after sign-in at the latest: 7 days. */
export const SESSION_MAX_MS = 7 * 86_400_000;
/** A session's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** A signed-in person (see `Principal` in ../auth.ts). */
export interface StaffPrincipal {
  role: 'staff';
  tenantId: string;
  accountId: string;
  staffRole: StaffRole;
  /** The agent the account takes chats as, if any. */
  agentId: string | null;
  authSessionId: string;
  /** When the session ends unless used again (ms). */
  expiresAt: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The CSRF token of the session whose cookie holds `rawId`. */
export const csrfTokenOf = (rawId: string) => sha256(`csrf:${rawId}`);

/** The value of one cookie in the request's Cookie header. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Whether a browser would keep a Secure cookie from this request: not over http to this machine. */
function secureCookie(request: FastifyRequest) {
  return request.protocol === 'https' || !['localhost', '127.0.0.1', '[::1]'].includes(request.hostname);
}

function setCookie(request: FastifyRequest, reply: FastifyReply, value: string, maxAgeS: number) {
  const secure = secureCookie(request) ? '; Secure' : '';
  reply.header('set-cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${secure}`);
}

/** Starts a session for the account and sets its cookie; returns it with its CSRF token. */
export async function startSession(store: Store, account: AccountRecord, request: FastifyRequest, reply: FastifyReply, now = Date.now()) {
  const rawId = randomBytes(32).toString('base64url');
  const session: AuthSessionRecord = {
    id: newId('as'),
    tokenHash: sha256(rawId),
    tenantId: account.tenantId,
    accountId: account.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + SESSION_MAX_MS,
  };
  await store.createAuthSession(session);
  setCookie(request, reply, rawId, SESSION_MAX_MS / 1000);
  return { session, csrfToken: csrfTokenOf(rawId) };
}

/** Tells the browser to forget the session cookie. */
export const clearSessionCookie = (request: FastifyRequest, reply: FastifyReply) => setCookie(request, reply, '', 0);

const notSignedIn = () => new ApiError(401, 'not_signed_in', 'sign in again: this session has ended');

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The person behind the request's session cookie: 401 `not_signed_in` when the session is
 * unknown, ended or expired, 403 `account_disabled`, and for an unsafe method 403 `csrf_failed`
 * without the session's CSRF token.
 */
export async function verifySession(store: Store, request: FastifyRequest, rawId: string, now = Date.now()): Promise<StaffPrincipal> {
  const session = await store.getAuthSession(sha256(rawId));
  if (!session || now >= session.expiresAt || now - session.lastSeenAt >= SESSION_IDLE_MS) throw notSignedIn();
  const account = await store.getAccount(session.tenantId, session.accountId);
  if (!account) throw notSignedIn();
  if (account.disabled) throw new ApiError(403, 'account_disabled', 'this account is disabled');
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameText(sent, csrfTokenOf(rawId))) {
      throw new ApiError(403, 'csrf_failed', 'send the session\'s CSRF token (GET /v1/auth/session) as X-CSRF-Token');
    }
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchAuthSession(session.id, now);
  return {
    role: 'staff',
    tenantId: account.tenantId,
    accountId: account.id,
    staffRole: account.role,
    agentId: account.agentId,
    authSessionId: session.id,
    expiresAt: Math.min(session.expiresAt, now + SESSION_IDLE_MS),
  };
}
