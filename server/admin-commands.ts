/**
 * The administration commands (commands.ts runs them): tenants, application and agent tokens,
 * skills, agents and the audit log. Every change goes through the service functions of
 * server/admin/ with the actor `cli`, so it is checked as the admin REST API will check it and
 * recorded in the audit log; these commands only parse the command line and print.
 */
import { Value } from '@sinclair/typebox/value';
import { Slug, TokenAudience, type AppTokenInfo } from '../src/protocol/schemas.js';
import { type AuditRecord } from '../src/protocol/audit.js';
import { createAgent, createAgentToken, deleteAgent, updateAgent } from './admin/agents.js';
import { listAuditLog } from './admin/audit-log.js';
import { CLI } from './admin/kit.js';
import { assignAgents, createSkill, deleteSkill, renameSkill, unassignAgents } from './admin/skills.js';
import { createTenant } from './admin/tenant.js';
import { createToken, listTokens, revokeToken, viewTokenJwt } from './admin/tokens.js';
import { date, required } from './command-kit.js';
import type { Command, Context, Values } from './commands.js';
import type { AgentRecord, Store } from './store/types.js';
import { UsageError } from './usage-error.js';

/** `90d`, `12h`, `30m`, `45s` in ms; `0` for no expiry. */
function parseDuration(text: string, option: string): number | null {
  if (text === '0') return null;
  const match = /^(\d+)([dhms])$/.exec(text);
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`--${option} must look like 90d, 12h, 30m, 45s or 0, not '${text}'`);
  }
  return Number(match[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[match[2] as 'd' | 'h' | 'm' | 's'];
}

/** `--ttl` as the expiry time in ms (null: never). */
function expiresAt(values: Values): number | null {
  const ttl = parseDuration(values.ttl ?? '0', 'ttl');
  return ttl === null ? null : Date.now() + ttl;
}

/** `--since`: an ISO 8601 time, or a duration back from now (`7d`, `12h`). */
function since(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (/^\d{4}-\d\d-\d\d/.test(text) && !Number.isNaN(at)) return at;
  if (!/^\d+[dhms]$/.test(text)) throw new UsageError(`--since must be an ISO 8601 time (2026-01-31, 2026-01-31T12:00Z) or a duration like 7d, 12h, not '${text}'`);
  return Date.now() - parseDuration(text, 'since')!;
}

/** A slug argument (tenant, skill); a usage error otherwise. */
function slug(value: string, what: string): string {
  if (!Value.Check(Slug, value)) throw new UsageError(`${what} must be lower-case letters, digits and dashes`);
  return value;
}

/** `--skills a,b` as a list (undefined when not given). */
const skillList = (text: string | undefined) => text?.split(',').map((s) => s.trim()).filter(Boolean);

/** `--max n`, checked (undefined when not given). */
function maxSessions(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const max = Number(text);
  if (!Number.isInteger(max) || max < 1 || max > 100) throw new UsageError('--max must be a whole number from 1 to 100');
  return max;
}

/** The agent an id names; --tenant decides when several tenants have an agent with that id. */
async function findAgent(store: Store, id: string, tenantId: string | undefined): Promise<AgentRecord> {
  const matches = (await store.listAgents(tenantId)).filter((a) => a.id === id);
  if (!matches.length) throw new Error(`there is no agent '${id}'${tenantId ? ` in tenant '${tenantId}'` : ''}`);
  if (matches.length > 1) throw new UsageError(`several tenants have an agent '${id}': add --tenant`);
  return matches[0];
}

const agentLine = (a: Pick<AgentRecord, 'id' | 'name' | 'status' | 'maxSessions' | 'skills'>, tenantId: string) =>
  [tenantId, a.id, a.name, a.status, a.maxSessions, a.skills.join(',') || '-'].join('\t');

const tokenLine = (t: AppTokenInfo) => [t.id, t.name, t.version, t.audience, date(t.createdAt), date(t.expiresAt), t.status].join('\t');

/** The audiences a token can have, as `--audience` takes them. */
const AUDIENCES = TokenAudience.anyOf.map((s) => s.const);

/** `--audience`: where the token may be used; the default is both. */
function audience(values: Values): TokenAudience {
  const value = values.audience ?? 'client-apps-and-rest-apis';
  if (!Value.Check(TokenAudience, value)) throw new UsageError(`--audience must be ${AUDIENCES.join(', ')}`);
  return value;
}

const auditLine = (r: AuditRecord) =>
  [r.seq, date(r.at), r.tenantId ?? '-', r.actor.id ?? r.actor.kind, r.action, r.target, JSON.stringify(r.before), JSON.stringify(r.after)].join('\t');

/** Adds an application token and prints it: its JWT on stdout, what it is on stderr. */
export async function printNewToken(
  { store, out, err }: Context,
  tenantId: string,
  token: { name: string; version: string; expiresAt: number | null; audience?: TokenAudience },
) {
  const { token: made, jwt } = await createToken(store, CLI, { tenantId, token });
  err(`token ${made.id} for tenant ${tenantId}, name '${made.name}', version ${made.version}, audience ${made.audience}, expires ${date(made.expiresAt)}`);
  out(jwt);
}

/** Gives a skill to agents or takes it from them, and prints who has it now. */
async function changeSkillAgents({ args: [tenant, id, ...agentIds], store, out }: Context, add: boolean) {
  const skill = await (add ? assignAgents : unassignAgents)(store, CLI, { tenantId: tenant, skillId: id, agents: { agentIds } });
  out(`skill ${skill.id} of tenant ${tenant}: ${skill.agents.join(', ') || 'no agents'}`);
}

/** The `tenant`, `token`, `skill`, `agent` and `audit` entries of commands.ts's command table. */
export const ADMIN_COMMANDS: Record<string, Command> = {
  'tenant create': {
    args: ['id'],
    options: ['name'],
    async run({ args: [id], values, store, out }) {
      await createTenant(store, CLI, { id: slug(id, 'tenant id'), name: values.name ?? id });
      out(`created tenant ${id}`);
    },
  },
  'tenant list': {
    args: [],
    options: [],
    async run({ store, out }) {
      for (const t of await store.listTenants()) out([t.id, t.name, date(t.createdAt)].join('\t'));
    },
  },
  'token create': {
    args: [],
    options: ['tenant', 'name', 'version', 'ttl', 'audience'],
    run: (context) =>
      printNewToken(context, required(context.values, 'tenant'), {
        name: required(context.values, 'name'),
        version: context.values.version ?? '1.0',
        expiresAt: expiresAt(context.values),
        audience: audience(context.values),
      }),
  },
  'token list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const t of (await listTokens(store, CLI, { tenantId: required(values, 'tenant') })).items) out(tokenLine(t));
    },
  },
  'token show': {
    args: ['tokenId'],
    options: [],
    async run({ args: [tokenId], store, out, err }) {
      const { token, jwt } = await viewTokenJwt(store, CLI, { tokenId });
      err(`token ${token.id}, name '${token.name}', version ${token.version}, ${token.status}, expires ${date(token.expiresAt)}`);
      out(jwt);
    },
  },
  'token revoke': {
    args: ['tokenId'],
    options: [],
    async run({ args: [tokenId], store, out }) {
      await revokeToken(store, CLI, { tokenId });
      out(`revoked token ${tokenId}`);
    },
  },
  'skill create': {
    args: ['tenant', 'id'],
    options: ['name'],
    async run({ args: [tenant, id], values, store, out }) {
      await createSkill(store, CLI, { tenantId: slug(tenant, 'tenant id'), skill: { id: slug(id, 'skill id'), name: values.name ?? id } });
      out(`created skill ${id} in tenant ${tenant}`);
    },
  },
  'skill list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const s of await store.listSkills(values.tenant)) out([s.tenantId, s.id, s.name].join('\t'));
    },
  },
  'skill rename': {
    args: ['tenant', 'id'],
    options: ['name'],
    async run({ args: [tenant, id], values, store, out }) {
      await renameSkill(store, CLI, { tenantId: tenant, skillId: id, change: { name: required(values, 'name') } });
      out(`renamed skill ${id} of tenant ${tenant} to '${values.name}'`);
    },
  },
  'skill delete': {
    args: ['tenant', 'id'],
    options: [],
    async run({ args: [tenant, id], store, out }) {
      const { unassignedAgents } = await deleteSkill(store, CLI, { tenantId: tenant, skillId: id });
      out(`deleted skill ${id} of tenant ${tenant}${unassignedAgents.length ? `; taken from ${unassignedAgents.join(', ')}` : ''}`);
    },
  },
  'skill assign': { args: ['tenant', 'id', 'agentId'], variadic: true, options: [], run: (context) => changeSkillAgents(context, true) },
  'skill unassign': { args: ['tenant', 'id', 'agentId'], variadic: true, options: [], run: (context) => changeSkillAgents(context, false) },
  'agent create': {
    args: ['tenant'],
    options: ['name', 'skills', 'max'],
    async run({ args: [tenant], values, store, out, err }) {
      const name = required(values, 'name');
      const skills = skillList(values.skills) ?? [];
      const max = maxSessions(values.max) ?? 5;
      const agent = await createAgent(store, CLI, { tenantId: slug(tenant, 'tenant id'), agent: { name, skills, maxSessions: max } });
      err(`created agent '${name}' in tenant ${tenant}, skills ${skills.join(', ') || 'none (general queue only)'}, at most ${max} sessions`);
      out(agent.id);
    },
  },
  'agent list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const a of await store.listAgents(values.tenant)) out(agentLine(a, a.tenantId));
    },
  },
  'agent update': {
    args: ['agentId'],
    options: ['tenant', 'name', 'skills', 'max'],
    async run({ args: [id], values, store, out }) {
      const change = { name: values.name, skills: skillList(values.skills), maxSessions: maxSessions(values.max) };
      if (Object.values(change).every((v) => v === undefined)) throw new UsageError('give at least one of --name, --skills, --max');
      const agent = await findAgent(store, id, values.tenant);
      const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
      out(agentLine(await updateAgent(store, CLI, { tenantId: agent.tenantId, agentId: id, change: defined }), agent.tenantId));
    },
  },
  'agent delete': {
    args: ['agentId'],
    options: ['tenant'],
    async run({ args: [id], values, store, out }) {
      const agent = await findAgent(store, id, values.tenant);
      const { revokedTokens } = await deleteAgent(store, CLI, { tenantId: agent.tenantId, agentId: id });
      out(`deleted agent ${id} of tenant ${agent.tenantId}${revokedTokens.length ? `; revoked ${revokedTokens.join(', ')}` : ''}`);
    },
  },
  'agent token': {
    args: ['agentId'],
    options: ['tenant', 'ttl'],
    async run({ args: [id], values, store, out, err }) {
      const expiry = expiresAt(values);
      const agent = await findAgent(store, id, values.tenant);
      const { token, jwt } = await createAgentToken(store, CLI, { tenantId: agent.tenantId, agentId: agent.id, token: { expiresAt: expiry } });
      err(`token ${token.id} for agent ${agent.id} (${agent.name}) of tenant ${agent.tenantId}, expires ${date(token.expiresAt)}`);
      out(jwt);
    },
  },
  'audit list': {
    args: [],
    options: ['tenant', 'action', 'actor', 'since', 'limit'],
    async run({ values, store, out }) {
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      const page = await listAuditLog(store, CLI, { tenant: values.tenant, action: values.action, actor: values.actor, since: since(values.since), limit });
      for (const record of page.items) out(auditLine(record));
    },
  },
};
