/**
 * Admin > Operations > Users: the tenant's accounts of people joined with their agents (status,
 * current load, skills, maximum sessions): list, add, edit, disable and enable, delete, set a
 * password, mail a password reset. The account service (../accounts/service.ts) and the agent service
 * (agents.ts) do the work; this is the one place that puts them together and writes the audit
 * record, for the REST routes and the CLI's `account` commands alike.
 *
 * Adding an account makes up its password and answers it once (stored only as a hash): the
 * admin hands it over, or sends a reset mail so that the person chooses one. Skills and maximum
 * sessions belong to the agent: an admin, supervisor or author account without one is refused them.
 */
import type { StaffRole } from '../../src/protocol/accounts.js';
import { UserCreate, UserUpdate, type UserCreated, type UserInfo } from '../../src/protocol/admin.js';
import type { AgentInfo } from '../../src/protocol/schemas.js';
import { generatePassword } from '../accounts/passwords.js';
import { addAccount, findAccount, mailPasswordReset, setDisabled, setPassword, signOutEverywhere } from '../accounts/service.js';
import { ApiError } from '../errors.js';
import type { MailSender } from '../live/transcript.js';
import type { AccountRecord } from '../store/account-types.js';
import { ConflictError, type Store } from '../store/types.js';
import { deleteAgent, listAgents, updateAgent } from './agents.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

/** What the audit log keeps of an account (never its password hash). */
const audited = (a: AccountRecord) => ({ id: a.id, email: a.email, name: a.name, role: a.role, disabled: a.disabled, agentId: a.agentId });

const toUserInfo = (a: AccountRecord, agents: Map<string, AgentInfo>): UserInfo => ({
  id: a.id,
  email: a.email,
  name: a.name,
  role: a.role,
  disabled: a.disabled,
  hasPassword: a.passwordHash !== null,
  agent: (a.agentId !== null && agents.get(a.agentId)) || null,
  createdAt: a.createdAt,
});

async function agentsOf(store: Store, actor: AdminActor, tenantId: string) {
  return new Map((await listAgents(store, actor, { tenantId })).items.map((a) => [a.id, a]));
}

/** The account of the tenant with this id (or email, for the CLI); 404 `account_not_found` otherwise. */
export async function tenantAccount(store: Store, actor: AdminActor, tenantId: string, idOrEmail: string): Promise<AccountRecord> {
  await tenantFor(store, actor, tenantId);
  const account = actor.kind === 'cli' ? await findAccount(store, tenantId, idOrEmail) : await store.getAccount(tenantId, idOrEmail);
  if (!account) throw new ApiError(404, 'account_not_found', `tenant '${tenantId}' has no account '${idOrEmail}'`);
  return account;
}

async function userInfo(store: Store, actor: AdminActor, account: AccountRecord): Promise<UserInfo> {
  return toUserInfo(account, await agentsOf(store, actor, account.tenantId));
}

/** The tenant's accounts by email, each with its agent. */
export async function listUsers(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<{ items: UserInfo[] }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const [accounts, agents] = await Promise.all([store.listAccounts(tenantId), agentsOf(store, actor, tenantId)]);
  return { items: accounts.map((a) => toUserInfo(a, agents)) };
}

const noAgent = (what: string) => new ApiError(400, 'invalid_request', `an admin, supervisor or author account takes no chats: ${what} belong to agent accounts`, [{ path: '/skills', message: 'only for an agent account' }]);

/**
 * Adds an account with a generated password (or `password`, from the CLI), and for an agent
 * account its agent with the skills and maximum sessions given. 409 `account_exists` when the
 * tenant has the email.
 */
export async function createUser(store: Store, actor: AdminActor, input: { tenantId: string; user: unknown; password?: string; agentId?: string }): Promise<UserCreated> {
  const body = check(UserCreate, input.user);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  if (body.role !== 'agent' && input.agentId === undefined && (body.skills !== undefined || body.maxSessions !== undefined)) throw noAgent('skills and maximum sessions');
  const password = input.password ?? generatePassword();
  let account;
  try {
    account = await addAccount(store, { tenantId, email: body.email, name: body.name, role: body.role, password, agentId: input.agentId, skills: body.skills });
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError(409, 'account_exists', error.message);
    throw error;
  }
  if (account.agentId !== null && body.maxSessions !== undefined) await store.updateAgent(tenantId, account.agentId, () => ({ maxSessions: body.maxSessions }));
  await audit(store, actor, { tenantId, action: 'account.create', target: account.id, after: audited(account) });
  return { user: await userInfo(store, actor, account), password };
}

/** The fields of UserUpdate a supervisor may change (the agent's); name and role are an admin's. */
export const AGENT_FIELDS = ['skills', 'maxSessions'] as const;

/**
 * Edits an account: name and role on the account (the agent's name follows), skills and
 * maximum sessions on its agent (agents.ts, audited there as `agent.update`). An account made
 * an agent without having one gets an agent of its name. `roleOf`: the role of the account
 * acting, when it is one (a supervisor may change only AGENT_FIELDS).
 */
export async function updateUser(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; accountId: string; change: unknown; actorRole?: StaffRole },
): Promise<UserInfo> {
  const change = check(UserUpdate, input.change);
  if (input.actorRole === 'supervisor' && Object.keys(change).some((key) => !(AGENT_FIELDS as readonly string[]).includes(key))) {
    throw new ApiError(403, 'forbidden', 'a supervisor changes the skills and maximum sessions of agents only');
  }
  const before = await tenantAccount(store, actor, input.tenantId, input.accountId);
  if (actor.kind === 'account' && actor.accountId === before.id && change.role !== undefined && change.role !== before.role) {
    throw new ApiError(400, 'invalid_request', 'you cannot change your own role: ask another admin', [{ path: '/role', message: 'not of your own account' }]);
  }
  const tenantId = before.tenantId;
  let agentId = before.agentId;
  if (agentId === null && (change.skills !== undefined || change.maxSessions !== undefined) && (change.role ?? before.role) !== 'agent') throw noAgent('skills and maximum sessions');
  if (agentId === null && (change.role ?? before.role) === 'agent') {
    agentId = (await store.createAgent({ tenantId, name: change.name ?? before.name, skills: [] })).id;
  }
  let after = before;
  if (change.name !== undefined || change.role !== undefined || agentId !== before.agentId) {
    after = (await store.updateAccount(tenantId, before.id, { name: change.name, role: change.role, agentId }))!;
    await audit(store, actor, { tenantId, action: 'account.update', target: before.id, before: audited(before), after: audited(after) });
  }
  const agentChange = { name: change.name, skills: change.skills, maxSessions: change.maxSessions };
  if (agentId !== null && Object.values(agentChange).some((v) => v !== undefined)) {
    await updateAgent(store, actor, { tenantId, agentId, change: JSON.parse(JSON.stringify(agentChange)) });
  }
  return userInfo(store, actor, after);
}

/**
 * Deletes an account: its sign-in sessions end and the agent tokens minted for them are revoked.
 * Its agent, when no other account of the tenant signs in as it, is deleted with it through the
 * agent service: refused (409 `agent_busy`, nothing deleted) while the agent holds sessions, its
 * tokens revoked; the sessions it served keep its name. One's own account is not deleted here.
 */
export async function deleteUser(store: Store, actor: AdminActor, input: { tenantId: string; accountId: string }): Promise<UserInfo> {
  const account = await tenantAccount(store, actor, input.tenantId, input.accountId);
  if (actor.kind === 'account' && actor.accountId === account.id) {
    throw new ApiError(400, 'invalid_request', 'you cannot delete your own account: ask another admin');
  }
  const info = await userInfo(store, actor, account);
  const sharing = (await store.listAccounts(account.tenantId)).some((a) => a.id !== account.id && a.agentId === account.agentId);
  if (account.agentId !== null && !sharing && info.agent) await deleteAgent(store, actor, { tenantId: account.tenantId, agentId: account.agentId });
  await signOutEverywhere(store, account.tenantId, account.id);
  await store.deleteAccount(account.tenantId, account.id);
  await audit(store, actor, { tenantId: account.tenantId, action: 'account.delete', target: account.id, before: audited(account) });
  return info;
}

/** Disables (and signs out everywhere) or enables an account. */
export async function setUserDisabled(store: Store, actor: AdminActor, input: { tenantId: string; accountId: string; disabled: boolean }): Promise<UserInfo> {
  const before = await tenantAccount(store, actor, input.tenantId, input.accountId);
  if (actor.kind === 'account' && actor.accountId === before.id && input.disabled) {
    throw new ApiError(400, 'invalid_request', 'you cannot disable your own account: ask another admin');
  }
  const after = (await setDisabled(store, before.tenantId, before.id, input.disabled))!;
  await audit(store, actor, { tenantId: before.tenantId, action: input.disabled ? 'account.disable' : 'account.enable', target: before.id, before: audited(before), after: audited(after) });
  return userInfo(store, actor, after);
}

/** Sets an account's password (the CLI; checked against the rules) and signs it out everywhere. */
export async function setUserPassword(store: Store, actor: AdminActor, input: { tenantId: string; accountId: string; password: string }): Promise<AccountRecord> {
  const account = await tenantAccount(store, actor, input.tenantId, input.accountId);
  await setPassword(store, account, input.password);
  await audit(store, actor, { tenantId: account.tenantId, action: 'account.password', target: account.id });
  return account;
}

/** Mails the account a password reset link (its password stays until the link is used). */
export async function resetUserPassword(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; accountId: string; mail: MailSender; origin: string; ttlMs: number },
): Promise<UserInfo> {
  const account = await tenantAccount(store, actor, input.tenantId, input.accountId);
  if (account.disabled) throw new ApiError(409, 'account_disabled', 'this account is disabled: enable it first');
  await mailPasswordReset(store, input.mail, account, { origin: input.origin, ttlMs: input.ttlMs });
  await audit(store, actor, { tenantId: account.tenantId, action: 'account.reset', target: account.id, after: { mailedTo: account.email } });
  return userInfo(store, actor, account);
}
