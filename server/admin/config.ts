/**
 * Settings > Configurations: a tenant's live-help switches, whether agents may transfer sessions,
 * and to a skill's queue too. Every change goes through `updateTenantConfig`, which records it
 * (`config.update`, before and after); the admin route (`/v1/admin/config`), the CLI
 * (`config show|set`) and the agents' read route (`GET /v1/agent/config`) use these functions.
 */
import type { AgentConfig } from '../../src/protocol/live.js';
import { TenantConfigUpdate, type TenantConfigInfo } from '../../src/protocol/schemas.js';
import { ApiError } from '../errors.js';
import type { Store, TenantConfig } from '../store/types.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

/** The switches as agents see them. */
export const toAgentConfig = (config: TenantConfig): AgentConfig => ({
  allowSessionTransfer: config.allowSessionTransfer,
  agentToSkillTransfer: config.agentToSkillTransfer,
});

/** The configuration as the admin API answers it (and the audit log keeps it). */
export const toTenantConfigInfo = (config: TenantConfig): TenantConfigInfo => ({ ...toAgentConfig(config), updatedAt: config.updatedAt });

/** The tenant's configuration (the defaults when it changed none); 404 `tenant_not_found` when there is no such tenant. */
export async function readTenantConfig(store: Store, tenantId: string): Promise<TenantConfig> {
  const config = await store.getTenantConfig(tenantId);
  if (!config) throw new ApiError(404, 'tenant_not_found', `there is no tenant '${tenantId}'`);
  return config;
}

/** The configuration, for an actor that may act in the tenant. */
export async function getTenantConfig(store: Store, actor: AdminActor, input: { tenantId: string }): Promise<TenantConfig> {
  return readTenantConfig(store, await tenantFor(store, actor, input.tenantId));
}

/**
 * Changes the switches given (`TenantConfigUpdate`; absent ones stay as they are), in one write,
 * and records the change with the switches before and after; answers the configuration as stored.
 */
export async function updateTenantConfig(store: Store, actor: AdminActor, input: { tenantId: string; change: unknown }): Promise<TenantConfig> {
  const change = check(TenantConfigUpdate, input.change);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  let before: TenantConfig | undefined;
  const after = await store.updateTenantConfig(tenantId, (current) => {
    before = current;
    return {
      ...current,
      ...(change.allowSessionTransfer !== undefined && { allowSessionTransfer: change.allowSessionTransfer }),
      ...(change.agentToSkillTransfer !== undefined && { agentToSkillTransfer: change.agentToSkillTransfer }),
    };
  });
  await audit(store, actor, { tenantId, action: 'config.update', target: tenantId, before: before && toAgentConfig(before), after: toAgentConfig(after) });
  return after;
}
