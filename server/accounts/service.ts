/**
 * What the routes (routes.ts) and the CLI (../account-commands.ts) do to accounts, in one place so
 * the two cannot disagree: adding one (with its agent), setting a password, disabling, signing out
 * everywhere, and the short-lived agent token of a signed-in agent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { issueToken } from '../auth.js';
import type { MailSender } from '../live/transcript.js';
import type { AccountRecord, StaffRole } from '../store/account-types.js';
import type { Store } from '../store/types.js';
import { ConflictError } from '../store/types.js';
import { checkPassword, hashPassword } from './passwords.js';

/** How long an agent token minted for a sign-in works: 15 minutes (the console asks again before). */
export const AGENT_TOKEN_TTL_MS = 15 * 60_000;

/** The registration name and version of the agent tokens minted for an account's sign-in session. */
const tokenName = (accountId: string) => `account ${accountId}`;
const tokenVersion = (authSessionId: string) => `session ${authSessionId}`;

export interface AddAccount {
  tenantId: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Null: no password yet (set one later, or by a reset mail). */
  password: string | null;
  /**
   * The agent to link: an existing agent's id. Without it, an agent account gets a new agent of
   * its name with `skills` (others get none).
   */
  agentId?: string;
  skills?: string[];
}

/** Adds an account (and the agent of an agent account); throws ConflictError when the email is taken. */
export async function addAccount(store: Store, input: AddAccount): Promise<AccountRecord> {
  if (input.password !== null) checkPassword(input.password);
  if (!(await store.getTenant(input.tenantId))) throw new Error(`there is no tenant '${input.tenantId}'`);
  if ((await store.findAccountsByEmail(input.email, input.tenantId)).length) {
    throw new ConflictError(`tenant '${input.tenantId}' has an account '${input.email.trim()}' already`);
  }
  let agentId = input.agentId ?? null;
  if (agentId !== null && !(await store.getAgent(input.tenantId, agentId))) throw new Error(`tenant '${input.tenantId}' has no agent '${agentId}'`);
  if (agentId === null && input.role === 'agent') {
    agentId = (await store.createAgent({ tenantId: input.tenantId, name: input.name, skills: input.skills ?? [] })).id;
  }
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  return store.createAccount({ tenantId: input.tenantId, email: input.email, name: input.name, role: input.role, passwordHash, agentId });
}

/**
 * Ends the account's sign-in sessions (all, or all but `except`) and revokes the agent tokens
 * minted for them, which also closes their live connections. Returns the sessions ended.
 */
export async function signOutEverywhere(store: Store, tenantId: string, accountId: string, except?: string): Promise<number> {
  const ended = await store.deleteAuthSessions(tenantId, accountId, { except });
  const now = Date.now();
  if (except === undefined) await store.revokeAppTokensNamed(tenantId, tokenName(accountId), now);
  else for (const id of ended) await store.revokeAppTokensNamed(tenantId, tokenName(accountId), now, tokenVersion(id));
  return ended.length;
}

/** Ends one sign-in session and revokes its agent tokens. */
export async function signOut(store: Store, tenantId: string, accountId: string, authSessionId: string) {
  await store.deleteAuthSessions(tenantId, accountId, { only: authSessionId });
  await store.revokeAppTokensNamed(tenantId, tokenName(accountId), Date.now(), tokenVersion(authSessionId));
}

/** Sets a password (checked against the rules) and signs the account out everywhere but `keep`. */
export async function setPassword(store: Store, account: AccountRecord, password: string, keep?: string) {
  checkPassword(password);
  await store.updateAccount(account.tenantId, account.id, { passwordHash: await hashPassword(password) });
  await signOutEverywhere(store, account.tenantId, account.id, keep);
}

/** Disables or enables an account; disabling signs it out everywhere. Undefined when there is no such account. */
export async function setDisabled(store: Store, tenantId: string, accountId: string, disabled: boolean) {
  const account = await store.updateAccount(tenantId, accountId, { disabled });
  if (account && disabled) await signOutEverywhere(store, tenantId, accountId);
  return account;
}

/** A 15-minute agent token for the account's agent, registered under its sign-in session (revoked with it). */
export async function mintAgentToken(store: Store, staff: { tenantId: string; accountId: string; agentId: string; authSessionId: string }) {
  const expiresAt = Date.now() + AGENT_TOKEN_TTL_MS;
  const { jwt } = await issueToken(store, {
    tenantId: staff.tenantId,
    name: tokenName(staff.accountId),
    version: tokenVersion(staff.authSessionId),
    agentId: staff.agentId,
    expiresAt,
  });
  return { token: jwt, agentId: staff.agentId, expiresAt };
}

/** The account an email names in a tenant, or the one account of that email in any tenant. */
export async function findAccount(store: Store, tenantId: string, idOrEmail: string) {
  return (await store.getAccount(tenantId, idOrEmail)) ?? (await store.findAccountsByEmail(idOrEmail, tenantId))[0];
}

/** How long a password reset link works unless `AccountOptions.resetTtlMs` says: 1 hour. */
export const RESET_TTL_MS = 3600_000;

/** The SHA-256 of a reset token, as the store keeps it. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Mails the account a password reset link to `origin`/portal/#reset=<token>, working once for
 * `ttlMs` (the reset route, and an admin's "reset password").
 */
export async function mailPasswordReset(store: Store, mail: MailSender, account: AccountRecord, link: { origin: string; ttlMs: number }) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await store.createPasswordReset({ tokenHash: sha256(token), tenantId: account.tenantId, accountId: account.id, createdAt: now, expiresAt: now + link.ttlMs });
  const tenant = await store.getTenant(account.tenantId);
  await mail.send({
    tenantId: account.tenantId,
    to: account.email,
    subject: 'Reset your Nexus password',
    body: [
      `Someone (hopefully you) asked to reset the password of ${account.email} at ${tenant?.name ?? account.tenantId}.`,
      '',
      `Set a new password here within ${Math.round(link.ttlMs / 60_000)} minutes (the link works once):`,
      `${link.origin}/portal/#reset=${token}`,
      '',
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  });
}
