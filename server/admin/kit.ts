/**
 * What every administrative service shares: checking input against the protocol's schemas,
 * checking that the actor may act in the tenant, and writing the audit record of a change.
 *
 * A service function takes `(store, actor, input)`, validates `input` with the TypeBox schema of
 * the admin REST API (src/protocol/schemas.ts), changes the store, records the change in the audit
 * log, and answers the body the REST route will send. It throws `ApiError` (server/errors.ts) with
 * the status and code the route will answer; the CLI prints its message.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '../../src/protocol/schemas.js';
import type { AdminActor, AuditAction } from '../../src/protocol/audit.js';
import type { Static } from '@sinclair/typebox';
import { ApiError, invalidRequest } from '../errors.js';
import type { AuditActorRef, Store } from '../store/types.js';

export type { AdminActor };

/** The CLI, as an actor. */
export const CLI: AdminActor = { kind: 'cli' };

/** Largest before or after value kept in an audit record, as JSON characters. */
export const AUDIT_VALUE_MAX_CHARS = 4096;

/** The input when it matches the schema; `invalid_request` naming each wrong field otherwise. */
export function check<S extends TSchema>(schema: S, input: unknown): Static<S> {
  if (Value.Check(schema, input)) return input;
  const details = [...Value.Errors(schema, input)].slice(0, 20).map((e) => ({ path: e.path || '/', message: e.message }));
  throw invalidRequest(`${details[0]?.path ?? '/'}: ${details[0]?.message ?? 'not valid'}`, details);
}

/** The tenant, when it exists and the actor may act in it; 404 or 403 otherwise. */
export async function tenantFor(store: Store, actor: AdminActor, tenantId: string): Promise<string> {
  if (actor.kind === 'account' && actor.tenantId !== tenantId) {
    throw new ApiError(403, 'forbidden', 'an account administers its own tenant only');
  }
  if (!(await store.getTenant(tenantId))) throw new ApiError(404, 'tenant_not_found', `there is no tenant '${tenantId}'`);
  return tenantId;
}

const actorRef = (actor: AdminActor): AuditActorRef => (actor.kind === 'cli' ? { kind: 'cli', id: null } : { kind: 'account', id: actor.accountId });

/** A value as the audit log keeps it: as is up to AUDIT_VALUE_MAX_CHARS of JSON, else a note of its size. */
export function bounded(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(value);
  return json.length <= AUDIT_VALUE_MAX_CHARS ? JSON.parse(json) : { truncated: true, chars: json.length };
}

/** One audited change: what, on what, the state before and after (null when created or deleted). */
export interface Change {
  tenantId: string | null;
  action: AuditAction;
  target: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a change in the audit log, after the store made it (a failure to record is an error
 * of the call: the change stays made, see docs/architecture.md).
 */
export async function audit(store: Store, actor: AdminActor, change: Change): Promise<void> {
  await store.appendAudit({
    tenantId: change.tenantId,
    at: Date.now(),
    actor: actorRef(actor),
    action: change.action,
    target: change.target,
    before: bounded(change.before),
    after: bounded(change.after),
  });
}
