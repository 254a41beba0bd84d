/**
 * The `config` commands (commands.ts runs them): a tenant's live-help configuration, the switches
 * of "Admin > Settings > Configurations" (tenant-config.ts).
 */
import { date, existingTenant, onOff } from './command-kit.js';
import type { Command } from './commands.js';
import type { TenantConfig } from './store/types.js';
import { changeTenantConfig, readTenantConfig } from './tenant-config.js';
import { UsageError } from './usage-error.js';

const onOffText = (value: boolean) => (value ? 'on' : 'off');

/** A tenant's configuration as lines of tab-separated fields. */
const configLines = (config: TenantConfig) => [
  `tenant\t${config.tenantId}`,
  `allow-session-transfer\t${onOffText(config.allowSessionTransfer)}`,
  `agent-to-skill-transfer\t${onOffText(config.agentToSkillTransfer)}`,
  `updated\t${date(config.updatedAt)}`,
];

/** The `config …` entries of commands.ts's command table. */
export const CONFIG_COMMANDS: Record<string, Command> = {
  'config show': {
    args: ['tenant'],
    options: [],
    async run({ args: [tenantId], store, out }) {
      configLines(await readTenantConfig(store, await existingTenant(store, tenantId))).forEach((line) => out(line));
    },
  },
  'config set': {
    args: ['tenant'],
    options: ['allow-session-transfer', 'agent-to-skill-transfer'],
    async run({ args: [tenantId], values, store, out }) {
      const change = {
        allowSessionTransfer: onOff('allow-session-transfer', values['allow-session-transfer']),
        agentToSkillTransfer: onOff('agent-to-skill-transfer', values['agent-to-skill-transfer']),
      };
      if (Object.values(change).every((value) => value === undefined)) {
        throw new UsageError('give at least one of --allow-session-transfer, --agent-to-skill-transfer');
      }
      await existingTenant(store, tenantId);
      configLines(await changeTenantConfig(store, tenantId, change)).forEach((line) => out(line));
    },
  },
};
