/** The audit log, read: every administrative change, filtered and paged (newest first). */
import { AuditQuery, type AuditPage, type AuditRecord } from '../../src/protocol/audit.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/types.js';
import { check, type AdminActor } from './kit.js';

/**
 * A page of the audit log. An account reads its own tenant's only (`tenant` defaults to it);
 * the CLI reads any tenant's, or every one's. `actor`: 'cli', or an account id.
 */
export async function listAuditLog(store: Store, actor: AdminActor, input: unknown): Promise<AuditPage> {
  const query = check(AuditQuery, input);
  if (actor.kind === 'account' && query.tenant !== undefined && query.tenant !== actor.tenantId) {
    throw new ApiError(403, 'forbidden', 'an account reads its own tenant’s audit log only');
  }
  const limit = query.limit ?? 50;
  const items = await store.listAudit({
    tenantId: actor.kind === 'account' ? actor.tenantId : query.tenant,
    ...(query.actor === 'cli' ? { actorKind: 'cli' as const } : query.actor !== undefined && { actorId: query.actor }),
    action: query.action,
    target: query.target,
    since: query.since,
    until: query.until,
    beforeSeq: query.before,
    limit,
  });
  return { items: items as AuditRecord[], next: items.length === limit ? items[items.length - 1].seq : null };
}
