/**
 * The `config` commands (commands.ts runs them): a tenant's live-help configuration, the switches
 * of "Admin > Settings > Configurations". Changes go through admin/config.ts with the actor `cli`,
 * so they are checked as the admin REST API checks them and recorded in the audit log.
 */
import { CLI } from './admin/kit.js';
import { getTenantConfig, updateTenantConfig } from './admin/config.js';
import { date, onOff } from './command-kit.js';
import type { Command } from './commands.js';
import type { TenantConfig } from './store/types.js';
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
      configLines(await getTenantConfig(store, CLI, { tenantId })).forEach((line) => out(line));
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
      const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
      configLines(await updateTenantConfig(store, CLI, { tenantId, change: defined })).forEach((line) => out(line));
    },
  },
};
