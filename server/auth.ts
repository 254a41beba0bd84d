/**
 * Tokens: HS256 JWTs signed with a key kept in the database (its id is the `kid` header).
 *
 * - Application tokens (`aud: nexus-client`) act for a tenant's consumers. They are registered
 *   in the store, so they can be listed and revoked.
 * - Agent tokens (`aud: nexus-agent`, claim `agt`) sign an agent in. They are registered like
 *   application tokens, with the agent's id, and are listed and revoked the same way.
 * - Session tokens (`aud: nexus-session`, `sub` = session id) are what requesting live help
 *   returns: they open that one session's routes and WebSocket, for 24 hours (less when the
 *   application token they were requested with expires sooner). They are not registered
 *   themselves: the claim `apt` names that application token, and they stop working when it is
 *   revoked. Ending the session does not end them (rating and transcripts come after).
 *
 * Every API call checks the signature, the claims, the registration and the tenant. Open live
 * connections are closed when their token is revoked or expires (docs/security.md).
 *
 * People (accounts/) sign in with email and password instead: their session cookie makes a
 * `staff` principal, found by the same `authenticate` (the Authorization header goes first).
 */
import type { FastifyRequest } from 'fastify';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { IncomingHttpHeaders } from 'node:http';
import type { Audience, TokenAudience } from '../src/protocol/schemas.js';
import { readCookie, SESSION_COOKIE, verifySession, type StaffPrincipal } from './accounts/sessions.js';
import { ApiError } from './errors.js';
import { newId } from './ids.js';
import type { AppToken, SigningKey, Store } from './store/types.js';

export const TOKEN_ISSUER = 'nexus-cloud';
/** The "Client Apps and REST APIs" audience of the SDK guide. */
export const TOKEN_AUDIENCE = 'nexus-client';
export const AGENT_AUDIENCE = 'nexus-agent';
export const SESSION_AUDIENCE = 'nexus-session';
/** How long a session token is valid (at most: never beyond its application token). */
export const SESSION_TOKEN_TTL_MS = 24 * 3600_000;
/** The claim of a session token naming the application token it was requested with. */
export const APP_TOKEN_CLAIM = 'apt';

/**
 * Who is calling: a consumer (application token), an agent (agent token), the customer of one
 * live session (session token), or a signed-in person (`staff`: the session cookie; see
 * accounts/sessions.ts). `expiresAt` is when the token stops working (its `exp`, in ms), null
 * when it does not expire.
 */
export type Principal = (
  /** `audience`: where the application token may be used (`checkAudience`). */
  | { role: 'consumer'; tenantId: string; tokenId: string; audience: TokenAudience }
  | { role: 'agent'; tenantId: string; tokenId: string; agentId: string }
  /**
   * `appTokenId`: the application token the session token was requested with; null for a
   * session token issued before the claim existed (see docs/security.md).
   */
  | { role: 'customer'; tenantId: string; sessionId: string; appTokenId: string | null }
  | Omit<StaffPrincipal, 'expiresAt'>
) & { expiresAt: number | null };

export type PrincipalRole = Principal['role'];
/** What a JWT makes (verifyToken): every principal but a signed-in person. */
export type TokenPrincipal = Exclude<Principal, { role: 'staff' }>;

/** Audiences whose content a principal may see: agents see every audience. */
export function audiencesFor(principal: Principal): Audience[] {
  switch (principal.role) {
    case 'consumer':
    case 'customer':
      return ['consumer', 'all'];
    case 'agent':
    case 'staff':
      return ['consumer', 'agent', 'all'];
  }
}

const TOKEN_KINDS: Record<PrincipalRole, string> = {
  consumer: 'an application token',
  agent: 'an agent token',
  customer: 'a session token',
  staff: 'a signed-in account',
};

/** Throws 403 `forbidden` unless the principal has one of the roles. */
export function requireRole<R extends PrincipalRole>(principal: Principal, roles: readonly R[]): Extract<Principal, { role: R }> {
  if (!(roles as readonly PrincipalRole[]).includes(principal.role)) {
    const wanted = roles.map((r) => TOKEN_KINDS[r]).join(' or ');
    throw new ApiError(403, 'forbidden', `this takes ${wanted}, not ${TOKEN_KINDS[principal.role]}`);
  }
  return principal as Extract<Principal, { role: R }>;
}

export interface IssueOptions {
  tenantId: string;
  name: string;
  version: string;
  /** Expiry in ms since the epoch; null or absent for a token that does not expire. */
  expiresAt?: number | null;
  /** Makes it an agent token for this agent. */
  agentId?: string;
  /** Where an application token may be used; `client-apps-and-rest-apis` when absent. */
  audience?: TokenAudience;
}

/**
 * The JWT of a registered token, signed with `key`. HS256 over the same header and claims gives
 * the same text, so signing a token again with its own key shows the JWT it was given
 * (`tokenJwt`); the claims come only from the registration, in a fixed order.
 */
export function signToken(token: AppToken, key: SigningKey): Promise<string> {
  const claims = { tid: token.tenantId, name: token.name, ver: token.version, ...(token.agentId !== null && { agt: token.agentId }) };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(token.agentId === null ? TOKEN_AUDIENCE : AGENT_AUDIENCE)
    .setSubject(token.id)
    .setIssuedAt(Math.floor(token.createdAt / 1000));
  if (token.expiresAt !== null) jwt.setExpirationTime(Math.floor(token.expiresAt / 1000));
  return jwt.sign(key.secret);
}

/**
 * A registered token's JWT, again: signed with the key it was signed with (`kid`). Tokens
 * registered before the key was kept were signed with the first key there was, which is the
 * current one as keys are not rotated (docs/security.md).
 */
export async function tokenJwt(store: Store, token: AppToken): Promise<string> {
  const key = token.kid ? await store.getSigningKey(token.kid) : await store.currentSigningKey();
  if (!key) throw new Error(`the signing key of token '${token.id}' is gone`);
  return signToken(token, key);
}

/** Registers a token and signs its JWT. Throws when the tenant does not exist. */
export async function issueToken(store: Store, options: IssueOptions): Promise<{ token: AppToken; jwt: string }> {
  if (!(await store.getTenant(options.tenantId))) throw new Error(`there is no tenant '${options.tenantId}'`);
  const key = await store.currentSigningKey();
  const token: AppToken = {
    id: newId('tok'),
    tenantId: options.tenantId,
    name: options.name,
    version: options.version,
    createdAt: Date.now(),
    expiresAt: options.expiresAt ?? null,
    revokedAt: null,
    agentId: options.agentId ?? null,
    kid: key.kid,
    audience: options.audience ?? 'client-apps-and-rest-apis',
  };
  const jwt = await signToken(token, key);
  await store.createAppToken(token);
  return { token, jwt };
}

/** Registers and signs a token for an agent (named `agent <id>`). Throws when there is no such agent. */
export async function issueAgentToken(
  store: Store,
  options: { tenantId: string; agentId: string; expiresAt?: number | null },
): Promise<{ token: AppToken; jwt: string }> {
  if (!(await store.getAgent(options.tenantId, options.agentId))) {
    throw new Error(`tenant '${options.tenantId}' has no agent '${options.agentId}'`);
  }
  return issueToken(store, { ...options, name: `agent ${options.agentId}`, version: 'agent' });
}

/**
 * Signs the token of one live session for the application token it was requested with (`appToken`:
 * its id and expiry). It is valid for SESSION_TOKEN_TTL_MS, or until the application token expires
 * if that is sooner, and only while the application token is not revoked.
 */
export async function issueSessionToken(
  store: Store,
  session: { tenantId: string; id: string },
  appToken: { id: string; expiresAt: number | null },
  now = Date.now(),
) {
  const key = await store.currentSigningKey();
  const expiresAt = Math.min(now + SESSION_TOKEN_TTL_MS, appToken.expiresAt ?? Infinity);
  return new SignJWT({ tid: session.tenantId, [APP_TOKEN_CLAIM]: appToken.id })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject(session.id)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(key.secret);
}

const unauthorized = (code: 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked', message: string) =>
  new ApiError(401, code, message);

const invalid = () => unauthorized('token_invalid', 'the token is not valid');
const revoked = (message = 'the token has been revoked') => unauthorized('token_revoked', message);

/**
 * Checks the application token a session token was requested with: registered for the tenant,
 * an application token, not revoked and not expired.
 */
async function checkGrantingToken(store: Store, tenantId: string, appTokenId: string) {
  const token = await store.getAppToken(appTokenId);
  if (!token || token.tenantId !== tenantId || token.agentId !== null || token.revokedAt !== null) {
    throw revoked('the application token this session was requested with has been revoked');
  }
  if (token.expiresAt !== null && token.expiresAt <= Date.now()) {
    throw unauthorized('token_expired', 'the application token this session was requested with has expired');
  }
}

/** Checks a JWT completely; throws a 401 `ApiError` naming what is wrong. */
export async function verifyToken(store: Store, jwt: string): Promise<TokenPrincipal> {
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(
      jwt,
      async ({ kid }) => {
        const key = kid ? await store.getSigningKey(kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key.secret;
      },
      { issuer: TOKEN_ISSUER, audience: [TOKEN_AUDIENCE, AGENT_AUDIENCE, SESSION_AUDIENCE], algorithms: ['HS256'] },
    ));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized('token_expired', 'the token has expired');
    // Anything else from jose means a bad token; other errors (the store failing) are ours.
    if (error instanceof errors.JOSEError) throw invalid();
    throw error;
  }
  const { sub, tid, aud, agt, exp, [APP_TOKEN_CLAIM]: apt } = claims;
  if (typeof sub !== 'string' || typeof tid !== 'string' || typeof aud !== 'string') throw invalid();
  // The tenant and an application or agent token's record are read at once: on PostgreSQL each
  // read is a round trip, and every API request makes them. The checks stay in the same order.
  const [tenant, token] = await Promise.all([store.getTenant(tid), aud === SESSION_AUDIENCE ? undefined : store.getAppToken(sub)]);
  if (!tenant) throw invalid();
  const expiresAt = typeof exp === 'number' ? exp * 1000 : null;
  if (aud === SESSION_AUDIENCE) {
    // Session tokens signed before the claim existed have none: they run out on their own
    // (within 24 hours of being issued) and cannot be revoked.
    if (apt !== undefined && typeof apt !== 'string') throw invalid();
    if (apt !== undefined) await checkGrantingToken(store, tid, apt);
    if (!(await store.getLiveSession(tid, sub))) throw new ApiError(404, 'session_not_found', 'the session of this token does not exist');
    return { role: 'customer', tenantId: tid, sessionId: sub, appTokenId: apt ?? null, expiresAt };
  }
  const agentId = aud === AGENT_AUDIENCE ? agt : null;
  if (agentId === undefined || (agentId !== null && typeof agentId !== 'string')) throw invalid();
  if (!token || token.tenantId !== tid || token.revokedAt !== null || token.agentId !== agentId) throw revoked();
  if (agentId === null) return { role: 'consumer', tenantId: tid, tokenId: sub, audience: token.audience ?? 'client-apps-and-rest-apis', expiresAt };
  if (!(await store.getAgent(tid, agentId))) throw revoked('the agent of this token no longer exists');
  return { role: 'agent', tenantId: tid, tokenId: sub, agentId, expiresAt };
}

/**
 * Whether a request was sent by a browser. Browsers put `Origin` on every cross-origin request
 * and every POST, and `Sec-Fetch-Site` on every request (Chromium 76, Firefox 90, Safari 16.4);
 * a page's script can neither set nor remove them. (`Sec-Fetch-Mode` says nothing: Node's fetch
 * sends it too.) A program can send them as well: this tells a page from a program that does
 * not pretend, nothing more.
 */
export function fromBrowser(headers: IncomingHttpHeaders): boolean {
  return headers.origin !== undefined || headers['sec-fetch-site'] !== undefined;
}

/**
 * Throws 403 `token_audience` when an application token is used where its audience does not
 * allow: a `rest-apis` token on a request from a browser (it was pasted into a page, where
 * anyone can read it), a `client-apps` token on a request from a program. `browser`: whether
 * a browser sent the request (`fromBrowser`). Other principals pass.
 */
export function checkAudience(principal: Principal, browser: boolean): void {
  if (principal.role !== 'consumer' || principal.audience === 'client-apps-and-rest-apis') return;
  if (principal.audience === 'rest-apis' && browser) {
    throw new ApiError(403, 'token_audience', 'this token is for REST APIs, and a browser sent this request: use a token for client apps in pages');
  }
  if (principal.audience === 'client-apps' && !browser) {
    throw new ApiError(403, 'token_audience', 'this token is for client apps, and a program sent this request: use a token for REST APIs in programs');
  }
}

/**
 * Throws 403 `forbidden` unless the principal is a signed-in person with one of the account
 * roles (the routes behind the portal use it).
 */
export function requireStaff(principal: Principal, roles: readonly StaffPrincipal['staffRole'][]): Extract<Principal, { role: 'staff' }> {
  const staff = requireRole(principal, ['staff']);
  if (!roles.includes(staff.staffRole)) throw new ApiError(403, 'forbidden', `this takes the role ${roles.join(' or ')}, not ${staff.staffRole}`);
  return staff;
}

/**
 * The principal of a request: from its `Authorization: Bearer` header (an application token
 * only where its audience allows: `checkAudience`), else from its session cookie (accounts/sessions.ts: with the CSRF check of unsafe methods).
 */
export function authenticate(store: Store, request: FastifyRequest): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match) {
    return verifyToken(store, match[1]).then((principal) => {
      checkAudience(principal, fromBrowser(request.headers));
      return principal;
    });
  }
  const session = readCookie(request, SESSION_COOKIE);
  if (session) return verifySession(store, request, session);
  return Promise.reject(unauthorized('token_missing', 'send the token as Authorization: Bearer <token>, or sign in'));
}
