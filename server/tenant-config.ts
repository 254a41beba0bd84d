/**
 * A tenant's live-help configuration ("Admin > Settings > Configurations"): whether agents may
 * transfer sessions, and to a skill's queue too. The CLI (`config show|set`) and the agents'
 * read route (`GET /v1/agent/config`) go through these functions, and so will the admin route.
 */
import type { AgentConfig } from '../src/protocol/live.js';
import type { Store, TenantConfig } from './store/types.js';

/** What to change; absent switches stay as they are. */
export interface TenantConfigChange {
  allowSessionTransfer?: boolean;
  agentToSkillTransfer?: boolean;
}

/** The switches as agents see them. */
export const toAgentConfig = (config: TenantConfig): AgentConfig => ({
  allowSessionTransfer: config.allowSessionTransfer,
  agentToSkillTransfer: config.agentToSkillTransfer,
});

/** The tenant's configuration (the defaults when it changed none); throws when there is no such tenant. */
export async function readTenantConfig(store: Store, tenantId: string): Promise<TenantConfig> {
  const config = await store.getTenantConfig(tenantId);
  if (!config) throw new Error(`there is no tenant '${tenantId}'`);
  return config;
}

/** Changes the switches given, in one write; answers the configuration as stored. */
export function changeTenantConfig(store: Store, tenantId: string, change: TenantConfigChange): Promise<TenantConfig> {
  return store.updateTenantConfig(tenantId, (current) => ({
    ...current,
    ...(change.allowSessionTransfer !== undefined && { allowSessionTransfer: change.allowSessionTransfer }),
    ...(change.agentToSkillTransfer !== undefined && { agentToSkillTransfer: change.agentToSkillTransfer }),
  }));
}
