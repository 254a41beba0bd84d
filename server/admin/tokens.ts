/**
 * Admin > Integration > Application Tokens: list, add (name, version, the generated token id,
 * audience, expiry), view the JWT again, revoke. Agent tokens are issued with the agent
 * (agents.ts); both kinds are revoked here.
 */
import { AppTokenCreate, type AppTokenInfo, type AppTokenList, type AppTokenWithJwt } from '../../src/protocol/schemas.js';
import { issueToken, tokenJwt } from '../auth.js';
import { ApiError } from '../errors.js';
import type { AppToken, Store } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

/** A token as the list shows it, with its status now. */
export function toTokenInfo(token: AppToken, now = Date.now()): AppTokenInfo {
  const status = token.revokedAt !== null ? 'revoked' : token.expiresAt !== null && token.expiresAt <= now ? 'expired' : 'active';
  return {
    id: token.id,
    name: token.name,
    version: token.version,
    audience: token.audience ?? 'client-apps-and-rest-apis',
    agentId: token.agentId,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    status,
  };
}

/** What the audit log keeps of a token (never its JWT). */
const audited = (t: AppToken) => ({ id: t.id, name: t.name, version: t.version, audience: t.audience, agentId: t.agentId, expiresAt: t.expiresAt, revokedAt: t.revokedAt });

/** The tenant's application and agent tokens, newest first. */
export async function listTokens(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<AppTokenList> {
  const now = Date.now();
  return { items: (await store.listAppTokens(await tenantFor(store, actor, input.tenantId))).map((t) => toTokenInfo(t, now)) };
}

/** Add New: registers an application token with a generated id and answers it with its JWT. */
export async function createToken(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; token: unknown },
): Promise<AppTokenWithJwt> {
  const body = check(AppTokenCreate, input.token);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const { token, jwt } = await issueToken(store, {
    tenantId,
    name: body.name,
    version: body.version ?? '1.0',
    expiresAt: body.expiresAt ?? null,
    audience: body.audience,
  });
  await audit(store, actor, { tenantId, action: 'token.create', target: token.id, after: audited(token) });
  return { token: toTokenInfo(token), jwt };
}

/** A token of the tenant (either kind); `token_not_found` otherwise, also for another tenant's. */
async function tenantToken(store: Store, actor: AdminActor, tenantId: string | undefined, id: string): Promise<AppToken> {
  const token = await store.getAppToken(id);
  if (!token || (tenantId !== undefined && token.tenantId !== tenantId)) throw new ApiError(404, 'token_not_found', `there is no token '${id}'`);
  await tenantFor(store, actor, token.tenantId);
  return token;
}

/**
 * View JWT: the application token's JWT, the same text as when it was added (signed again with
 * its key). Showing it is recorded (`token.view`): it is the credential itself. `tenantId`
 * absent: any tenant's (the CLI).
 */
export async function viewTokenJwt(store: Store, actor: AdminActor, input: { tenantId?: string; tokenId: string }): Promise<AppTokenWithJwt> {
  const token = await tenantToken(store, actor, input.tenantId, input.tokenId);
  if (token.agentId !== null) throw new ApiError(404, 'token_not_found', `'${token.id}' is an agent token: issue the agent a new one instead`);
  const jwt = await tokenJwt(store, token);
  await audit(store, actor, { tenantId: token.tenantId, action: 'token.view', target: token.id });
  return { token: toTokenInfo(token), jwt };
}

/**
 * Revokes a token (application or agent); open connections that use it close. Revoking twice
 * keeps the first time. `tenantId` absent: any tenant's (the CLI names a token by its id alone).
 */
export async function revokeToken(store: Store, actor: AdminActor, input: { tenantId?: string; tokenId: string }): Promise<AppTokenInfo> {
  const before = await tenantToken(store, actor, input.tenantId, input.tokenId);
  await store.revokeAppToken(before.id, Date.now());
  const after = (await store.getAppToken(before.id))!;
  await audit(store, actor, { tenantId: after.tenantId, action: 'token.revoke', target: after.id, before: audited(before), after: audited(after) });
  return toTokenInfo(after);
}

/** How long a branding preview token works. */
export const PREVIEW_TOKEN_TTL_MS = 15 * 60_000;

/**
 * The application token the Self-Support Branding page's live preview (a real `<nexus-self-help>`)
 * reads the tenant's content with: one per account, `Branding preview (<account id>)`, version
 * `preview`, working for PREVIEW_TOKEN_TTL_MS. An active one with more than a third of that left
 * is given again (its JWT signed again), else a new one is made (recorded as `token.create`).
 * It is an ordinary application token: listed, and revocable, under Application Tokens.
 */
export async function previewToken(store: Store, actor: AdminActor & { kind: 'account' }, now = Date.now()): Promise<AppTokenWithJwt> {
  const tenantId = await tenantFor(store, actor, actor.tenantId);
  const name = `Branding preview (${actor.accountId})`;
  const reusable = (await store.listAppTokens(tenantId)).find(
    (t) => t.name === name && t.version === 'preview' && t.agentId === null && t.revokedAt === null && (t.expiresAt ?? 0) > now + PREVIEW_TOKEN_TTL_MS / 3,
  );
  if (reusable) return { token: toTokenInfo(reusable, now), jwt: await tokenJwt(store, reusable) };
  const { token, jwt } = await issueToken(store, { tenantId, name, version: 'preview', expiresAt: now + PREVIEW_TOKEN_TTL_MS });
  await audit(store, actor, { tenantId, action: 'token.create', target: token.id, after: audited(token) });
  return { token: toTokenInfo(token, now), jwt };
}
