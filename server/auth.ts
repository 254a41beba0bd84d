/**
 * Application tokens: HS256 JWTs signed with a key kept in the database (its id is the `kid`
 * header). A token is also registered in the store, so it can be listed and revoked; every API
 * call checks the signature, the claims, the registration and the tenant.
 */
import type { FastifyRequest } from 'fastify';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Audience } from '../src/protocol/schemas.js';
import { ApiError } from './errors.js';
import { newId } from './ids.js';
import type { AppToken, Store } from './store/types.js';

export const TOKEN_ISSUER = 'nexus-cloud';
/** The "Client Apps and REST APIs" audience of the SDK guide. */
export const TOKEN_AUDIENCE = 'nexus-client';

/**
 * Who is calling. Application tokens act for consumers; agent tokens will add the 'agent' role
 * and, with it, agent-audience content (see `audiencesFor`).
 */
export interface Principal {
  tenantId: string;
  tokenId: string;
  role: 'consumer';
}

/** Audiences whose content a principal may see. */
export function audiencesFor(principal: Principal): Audience[] {
  switch (principal.role) {
    case 'consumer':
      return ['consumer', 'all'];
  }
}

export interface IssueOptions {
  tenantId: string;
  name: string;
  version: string;
  /** Expiry in ms since the epoch; null or absent for a token that does not expire. */
  expiresAt?: number | null;
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
  };
  const jwt = new SignJWT({ tid: token.tenantId, name: token.name, ver: token.version })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(token.id)
    .setIssuedAt(Math.floor(token.createdAt / 1000));
  if (token.expiresAt !== null) jwt.setExpirationTime(Math.floor(token.expiresAt / 1000));
  await store.createAppToken(token);
  return { token, jwt: await jwt.sign(key.secret) };
}

const unauthorized = (code: 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked', message: string) =>
  new ApiError(401, code, message);

/** Checks a JWT completely; throws a 401 `ApiError` naming what is wrong. */
export async function verifyToken(store: Store, jwt: string): Promise<Principal> {
  let claims;
  try {
    ({ payload: claims } = await jwtVerify(
      jwt,
      async ({ kid }) => {
        const key = kid ? await store.getSigningKey(kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key.secret;
      },
      { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['HS256'] },
    ));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized('token_expired', 'the token has expired');
    // Anything else from jose means a bad token; other errors (the store failing) are ours.
    if (error instanceof errors.JOSEError) throw unauthorized('token_invalid', 'the token is not valid');
    throw error;
  }
  const { sub, tid } = claims;
  if (typeof sub !== 'string' || typeof tid !== 'string' || !(await store.getTenant(tid))) {
    throw unauthorized('token_invalid', 'the token is not valid');
  }
  const token = await store.getAppToken(sub);
  if (!token || token.tenantId !== tid || token.revokedAt !== null) {
    throw unauthorized('token_revoked', 'the token has been revoked');
  }
  return { tenantId: tid, tokenId: sub, role: 'consumer' };
}

/** The principal of a request from its `Authorization: Bearer` header. */
export function authenticate(store: Store, request: FastifyRequest): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (!match) {
    return Promise.reject(unauthorized('token_missing', 'send the application token as Authorization: Bearer <token>'));
  }
  return verifyToken(store, match[1]);
}
