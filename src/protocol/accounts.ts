/**
 * Accounts of people on the wire: signing in with email and password, the cookie session, its
 * CSRF token, password changes and resets, and the short-lived agent token a signed-in agent's
 * console uses (server/accounts/; docs/security.md#accounts). Like schemas.ts, every definition is
 * a TypeBox schema (validated by the server) and a static type (imported with `import type`).
 */
import { Type, type Static } from '@sinclair/typebox';


export const StaffRole = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('agent'), Type.Literal('author')], {
  description:
    'admin: everything of the tenant; supervisor: people and queues; agent: takes chats and calls; author: writes and publishes guided paths and categories (the content admin API only)',
});

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'any case: an account is found whatever the case' });
const TenantId = Type.String({ minLength: 1, maxLength: 64, description: 'needed only when the email has an account in several tenants' });
/** Length is checked by the server, which says the rule in its error (`password_rejected`). */
const Password = Type.String({ maxLength: 1000 });

export const SignInBody = Type.Object({ email: Email, password: Password, tenant: Type.Optional(TenantId) }, { additionalProperties: false });

/** The signed-in person, as GET /v1/auth/session and sign-in answer. */
export const StaffAccount = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: StaffRole,
  /** The agent the account takes chats as; null for an admin, supervisor or author without one. */
  agentId: Type.Union([Type.String(), Type.Null()]),
});

export const AuthSession = Type.Object({
  account: StaffAccount,
  /** Send it back as `X-CSRF-Token` on every POST made with the session cookie. */
  csrfToken: Type.String(),
  /** When the session ends at the latest (ms); it also ends after 12 hours without use. */
  expiresAt: Type.Integer(),
});

export const PasswordResetBody = Type.Object({ email: Email, tenant: Type.Optional(TenantId) }, { additionalProperties: false });
export const PasswordResetConfirmBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }), password: Password }, { additionalProperties: false });
export const PasswordChangeBody = Type.Object({ current: Password, next: Password }, { additionalProperties: false });

/** A short-lived agent token (JWT, `aud: nexus-agent`) for the signed-in account's agent. */
export const AgentTokenGrant = Type.Object({
  token: Type.String(),
  agentId: Type.String(),
  /** When it stops working (ms): ask for a new one before. */
  expiresAt: Type.Integer(),
});

export type StaffRole = Static<typeof StaffRole>;
export type SignInBody = Static<typeof SignInBody>;
export type StaffAccount = Static<typeof StaffAccount>;
export type AuthSession = Static<typeof AuthSession>;
export type PasswordResetBody = Static<typeof PasswordResetBody>;
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;
export type AgentTokenGrant = Static<typeof AgentTokenGrant>;
