/**
 * What the store keeps of people who sign in (server/accounts/): accounts, sign-in sessions,
 * failed sign-ins and password resets. Part of `Store` (types.ts).
 */

/** What an account may do in its tenant. */
export type StaffRole = 'admin' | 'supervisor' | 'agent' | 'author';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'supervisor', 'agent', 'author'];

export interface AccountRecord {
  tenantId: string;
  id: string;
  /** As it was given; unique per tenant whatever its case. */
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  /** The argon2id hash (PHC string); null until a password is set. Never leaves the server. */
  passwordHash: string | null;
  /** The agent record this account signs in as (role agent: always; others: optional). */
  agentId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewAccount {
  tenantId: string;
  /** Default: a new random id. */
  id?: string;
  email: string;
  name: string;
  role: StaffRole;
  passwordHash: string | null;
  agentId: string | null;
}

/** What `updateAccount` may change (absent: unchanged). */
export type AccountChange = Partial<Pick<AccountRecord, 'name' | 'role' | 'disabled' | 'passwordHash' | 'agentId'>>;

/** A signed-in browser: `tokenHash` is the SHA-256 of its cookie's random id. */
export interface AuthSessionRecord {
  id: string;
  tokenHash: string;
  tenantId: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end (ms), whatever the use. */
  expiresAt: number;
}

/** When failed sign-ins lock a key: after `maxFailures` in a row, for `lockMs`. */
export interface LockPolicy {
  maxFailures: number;
  lockMs: number;
}

/** A password reset token, stored by its SHA-256. */
export interface PasswordResetRecord {
  tokenHash: string;
  tenantId: string;
  accountId: string;
  createdAt: number;
  expiresAt: number;
}

/** Storage of accounts and sign-in; part of `Store`. */
export interface AccountStore {
  /** Creates an account; throws `ConflictError` when the tenant has the email (any case) or the id already. */
  createAccount(account: NewAccount): Promise<AccountRecord>;
  getAccount(tenantId: string, id: string): Promise<AccountRecord | undefined>;
  /** The tenant's accounts by email. */
  listAccounts(tenantId: string): Promise<AccountRecord[]>;
  /** The accounts with this email (any case): of one tenant, or of every tenant, by tenant. */
  findAccountsByEmail(email: string, tenantId?: string): Promise<AccountRecord[]>;
  /** Changes an account (and its `updatedAt`); undefined when there is no such account. */
  updateAccount(tenantId: string, id: string, change: AccountChange): Promise<AccountRecord | undefined>;
  /** Deletes an account with its sign-in sessions and reset tokens; false when there is no such account. */
  deleteAccount(tenantId: string, id: string): Promise<boolean>;

  createAuthSession(session: AuthSessionRecord): Promise<void>;
  /** The session whose cookie id hashes to `tokenHash`, expired or not. */
  getAuthSession(tokenHash: string): Promise<AuthSessionRecord | undefined>;
  /** Records a use of the session (its idle limit counts from here). */
  touchAuthSession(id: string, at: number): Promise<void>;
  /**
   * Ends sessions of an account: `only` that one, else all of them but `except`. Returns the ids
   * of the sessions ended.
   */
  deleteAuthSessions(tenantId: string, accountId: string, which?: { only?: string; except?: string }): Promise<string[]>;

  /**
   * Counts a failed sign-in of `key` at `now`: after `maxFailures` in a row the key is locked
   * until `now + lockMs` (and its count starts again). A lapsed lock, or failures whose last
   * came `lockMs` or longer before, count from zero.
   * Returns the failures in a row and the lock (null: none).
   */
  recordSignInFailure(key: string, now: number, policy: LockPolicy): Promise<{ failures: number; lockedUntil: number | null }>;
  /** Until when `key` is locked; null when it is not (or no more) at `now`. */
  getSignInLock(key: string, now: number): Promise<number | null>;
  /** Forgets the failures of `key` (a successful sign-in). */
  clearSignInFailures(key: string): Promise<void>;

  createPasswordReset(reset: PasswordResetRecord): Promise<void>;
  /**
   * Uses a reset token once: marks it used and returns its account when it is unused and not
   * expired at `now`; undefined otherwise (also the second time).
   */
  usePasswordReset(tokenHash: string, now: number): Promise<{ tenantId: string; accountId: string } | undefined>;

  /**
   * Revokes the tenant's unrevoked tokens registered under `name` (and `version`, when given), as
   * `revokeAppToken` does; returns how many. The short-lived agent tokens of an account's
   * sign-in sessions are registered this way (server/accounts/).
   */
  revokeAppTokensNamed(tenantId: string, name: string, at: number, version?: string): Promise<number>;
}
