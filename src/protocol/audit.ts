/**
 * The audit log of administrative changes (server/admin/kit.ts records one for every change the
 * service layer makes): who acts, the actions, a record, and the filters and pages of
 * `GET /v1/admin/audit`. TypeBox schemas with their static types, like ./schemas.ts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AUDIT_ACTIONS } from './api.js';
import { Slug, Timestamp } from './schemas.js';

/**
 * Who makes an administrative change: the CLI on the database host, or a signed-in account
 * acting in its own tenant. It is recorded in the audit log with every change.
 */
export const AdminActor = Type.Union(
  [
    Type.Object({ kind: Type.Literal('cli') }, { additionalProperties: false, description: 'the command line on the database host' }),
    Type.Object(
      {
        kind: Type.Literal('account'),
        accountId: Type.String({ minLength: 1, maxLength: 64, description: 'the signed-in account' }),
        tenantId: Type.String({ ...Slug, description: 'the tenant the account acts in; it may change nothing of another' }),
      },
      { additionalProperties: false },
    ),
  ],
  { description: 'who makes the change' },
);

export const AuditAction = Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)), { description: 'what was done' });

/** One record of the audit log. */
export const AuditRecord = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'its place in the log; the paging cursor' }),
    tenantId: Type.Union([Slug, Type.Null()]),
    at: Timestamp,
    actor: Type.Object({ kind: Type.Union([Type.Literal('cli'), Type.Literal('account')]), id: Type.Union([Type.String(), Type.Null()]) }),
    action: AuditAction,
    target: Type.String({ description: 'a token, skill, agent or account id, or the tenant for its settings' }),
    before: Type.Unknown({ description: 'the state before (JSON, at most 4 KB; larger: `{ truncated: true }`); null when created' }),
    after: Type.Unknown({ description: 'the state after; null when deleted' }),
  },
  { additionalProperties: false },
);

/** Filters of the audit log; newest first. */
export const AuditQuery = Type.Object(
  {
    tenant: Type.Optional(Slug),
    actor: Type.Optional(Type.String({ maxLength: 64, description: "'cli', or an account id" })),
    action: Type.Optional(AuditAction),
    target: Type.Optional(Type.String({ maxLength: 200 })),
    since: Type.Optional(Timestamp),
    until: Type.Optional(Timestamp),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the `next` of the page before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const AuditPage = Type.Object(
  { items: Type.Array(AuditRecord), next: Type.Union([Type.Integer(), Type.Null()], { description: 'the `before` of the next page; null at the end' }) },
  { additionalProperties: false },
);

export type AdminActor = Static<typeof AdminActor>;
export type AuditAction = Static<typeof AuditAction>;
export type AuditRecord = Static<typeof AuditRecord>;
export type AuditQuery = Static<typeof AuditQuery>;
export type AuditPage = Static<typeof AuditPage>;
