/**
 * The sign-in routes of people (ROUTES.auth*; docs/security.md#accounts): signing in and out, the
 * session, password change and reset by mail, and the agent token of a signed-in agent. Sign-in
 * and the two reset routes take no credentials (`config.public`); the others a session cookie
 * (`roles: ['staff']`, with X-CSRF-Token on POST: sessions.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  AgentTokenGrant,
  AuthSession,
  PasswordChangeBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  SignInBody,
  type StaffAccount,
} from '../../src/protocol/accounts.js';
import type * as Wire from '../../src/protocol/accounts.js';
import { Accepted } from '../../src/protocol/live.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { requireRole, type PrincipalRole } from '../auth.js';
import { ApiError } from '../errors.js';
import { requestOrigin } from '../headers.js';
import type { MailSender } from '../live/transcript.js';
import { addressKey } from '../rate-limit.js';
import type { AccountRecord, LockPolicy } from '../store/account-types.js';
import { emailKey } from '../store/shared/staff.js';
import type { Store } from '../store/types.js';
import { checkPassword, verifyPassword } from './passwords.js';
import { mailPasswordReset, mintAgentToken, RESET_TTL_MS, setPassword, signOut, signOutEverywhere, sha256 } from './service.js';
import { clearSessionCookie, csrfTokenOf, readCookie, SESSION_COOKIE, SESSION_IDLE_MS, startSession } from './sessions.js';

/** Sign-in and reset settings; the defaults are the production values. */
export interface AccountOptions {
  /** Failed sign-ins in a row that lock an email (default 5). */
  maxFailures?: number;
  /** Failed sign-ins in a row that lock a client address (default 50: an office behind one address). */
  maxAddressFailures?: number;
  /** How long a lock holds (default 15 minutes); failures spread wider than this do not add up. */
  lockMs?: number;
  /** How long a password reset link works (default 1 hour). */
  resetTtlMs?: number;
  /**
   * The origin reset links point to (`https://support.example.com`). Default: the origin the
   * request reached, from its Host header: set it when a proxy could pass on a Host of the
   * client's choosing.
   */
  publicUrl?: string;
}

const STAFF = { roles: ['staff'] as PrincipalRole[] };
const PUBLIC = { public: true };

export const toStaffAccount = (a: AccountRecord): StaffAccount => ({
  id: a.id,
  tenantId: a.tenantId,
  email: a.email,
  name: a.name,
  role: a.role,
  agentId: a.agentId,
});

function locked(reply: FastifyReply, waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(seconds));
  return new ApiError(429, 'sign_in_locked', `too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} min`);
}

export function registerAccountRoutes(api: FastifyInstance, store: Store, mail: MailSender, options: AccountOptions = {}) {
  const lockMs = options.lockMs ?? 15 * 60_000;
  const policies: Record<'email' | 'address', LockPolicy> = {
    email: { maxFailures: options.maxFailures ?? 5, lockMs },
    address: { maxFailures: options.maxAddressFailures ?? 50, lockMs },
  };
  const resetTtlMs = options.resetTtlMs ?? RESET_TTL_MS;

  api.post<{ Body: Wire.SignInBody }>(
    ROUTES.authSignIn,
    { config: PUBLIC, schema: { body: SignInBody, response: { 200: AuthSession } } },
    async (request, reply) => {
      const { email, password, tenant } = request.body;
      const now = Date.now();
      const keys = { email: `email:${emailKey(email)}`, address: `address:${addressKey(request.ip ?? 'unknown')}` };
      const locks = await Promise.all([store.getSignInLock(keys.email, now), store.getSignInLock(keys.address, now)]);
      const until = Math.max(...locks.map((l) => l ?? 0));
      if (until > now) throw locked(reply, until - now);
      // Every account of the email is checked (a dummy hash when there is none), so an unknown
      // email costs what a wrong password does, and only the password tells the tenants apart.
      const candidates = await store.findAccountsByEmail(email, tenant);
      if (candidates.length === 0) await verifyPassword(null, password);
      const matches: AccountRecord[] = [];
      for (const account of candidates) if (await verifyPassword(account.passwordHash, password)) matches.push(account);
      if (matches.length === 0) {
        await Promise.all([store.recordSignInFailure(keys.email, now, policies.email), store.recordSignInFailure(keys.address, now, policies.address)]);
        throw new ApiError(401, 'sign_in_failed', 'the email or the password is not right');
      }
      if (matches.length > 1) {
        throw new ApiError(400, 'tenant_required', 'this email signs in to several tenants: name the tenant (`tenant`)', [
          { path: '/tenant', message: 'name the tenant to sign in to' },
        ]);
      }
      const [account] = matches;
      // Only the email's count: a caller with an account of its own must not clear its address's.
      await store.clearSignInFailures(keys.email);
      if (account.disabled) throw new ApiError(403, 'account_disabled', 'this account is disabled');
      const { session, csrfToken } = await startSession(store, account, request, reply, now);
      return { account: toStaffAccount(account), csrfToken, expiresAt: Math.min(session.expiresAt, now + SESSION_IDLE_MS) };
    },
  );

  api.get(ROUTES.authSession, { config: STAFF, schema: { response: { 200: AuthSession } } }, async (request) => {
    const staff = requireRole(request.principal, ['staff']);
    const account = await store.getAccount(staff.tenantId, staff.accountId);
    if (!account) throw new ApiError(401, 'not_signed_in', 'sign in again: this session has ended');
    return { account: toStaffAccount(account), csrfToken: csrfTokenOf(readCookie(request, SESSION_COOKIE)!), expiresAt: staff.expiresAt! };
  });

  api.post(ROUTES.authSignOut, { config: STAFF, schema: { response: { 200: Accepted } } }, async (request, reply) => {
    const staff = requireRole(request.principal, ['staff']);
    await signOut(store, staff.tenantId, staff.accountId, staff.authSessionId);
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  api.post(ROUTES.authSignOutEverywhere, { config: STAFF, schema: { response: { 200: Accepted } } }, async (request, reply) => {
    const staff = requireRole(request.principal, ['staff']);
    await signOutEverywhere(store, staff.tenantId, staff.accountId);
    clearSessionCookie(request, reply);
    return { ok: true as const };
  });

  api.post<{ Body: Wire.PasswordChangeBody }>(
    ROUTES.authPassword,
    { config: STAFF, schema: { body: PasswordChangeBody, response: { 200: Accepted } } },
    async (request) => {
      const staff = requireRole(request.principal, ['staff']);
      checkPassword(request.body.next, '/next');
      const account = await store.getAccount(staff.tenantId, staff.accountId);
      if (!account || !(await verifyPassword(account.passwordHash, request.body.current))) {
        throw new ApiError(400, 'password_wrong', 'the current password is not right', [{ path: '/current', message: 'is not the current password' }]);
      }
      // This session stays; the account's others end.
      await setPassword(store, account, request.body.next, staff.authSessionId);
      return { ok: true as const };
    },
  );

  api.post<{ Body: Wire.PasswordResetBody }>(
    ROUTES.authPasswordReset,
    { config: PUBLIC, schema: { body: PasswordResetBody, response: { 202: Accepted } } },
    async (request, reply) => {
      const origin = options.publicUrl ?? requestOrigin(request);
      // The same answer whether or not the email has an account; a mail per account it has.
      for (const account of await store.findAccountsByEmail(request.body.email, request.body.tenant)) {
        if (!account.disabled) await mailPasswordReset(store, mail, account, { origin, ttlMs: resetTtlMs });
      }
      return reply.status(202).send({ ok: true as const });
    },
  );

  api.post<{ Body: Wire.PasswordResetConfirmBody }>(
    ROUTES.authPasswordResetConfirm,
    { config: PUBLIC, schema: { body: PasswordResetConfirmBody, response: { 200: Accepted } } },
    async (request) => {
      checkPassword(request.body.password);
      const used = await store.usePasswordReset(sha256(request.body.token), Date.now());
      const account = used && (await store.getAccount(used.tenantId, used.accountId));
      if (!account) throw new ApiError(400, 'reset_token_invalid', 'this reset link is not valid any more: ask for a new one');
      await setPassword(store, account, request.body.password);
      await store.clearSignInFailures(`email:${emailKey(account.email)}`);
      return { ok: true as const };
    },
  );

  api.post(ROUTES.authAgentToken, { config: STAFF, schema: { response: { 200: AgentTokenGrant } } }, async (request) => {
    const staff = requireRole(request.principal, ['staff']);
    if (staff.agentId === null) throw new ApiError(403, 'forbidden', 'this account takes no chats: it has no agent');
    return mintAgentToken(store, { ...staff, agentId: staff.agentId });
  });
}
