/**
 * The Nexus Cloud commands. `server/cli.ts` runs them for `npm run cloud -- <command> …`; tests
 * call `runCli` directly.
 */
import { parseArgs } from 'node:util';
import { Value } from '@sinclair/typebox/value';
import { Slug } from '../src/protocol/schemas.js';
import { issueAgentToken, issueToken } from './auth.js';
import { BrandingError, changeBranding, toPortalBranding, type BrandingChange } from './branding.js';
import { changeCobrowseSettings, CobrowseSettingsError, toCobrowseSettings, type CobrowseSettingsChange } from './cobrowse-settings.js';
import { date, existingTenant, onOff, required } from './command-kit.js';
import { CONFIG_COMMANDS } from './config-commands.js';
import { formatContentErrors, importFolder } from './content/import.js';
import { MAIL_COMMANDS } from './mail-commands.js';
import { OPS_FLAGS } from './ops/serve-options.js';
import { serve } from './serve.js';
import { describeTarget, openStore } from './store/open.js';
import { UsageError } from './usage-error.js';
import type { AgentRecord, AppToken, Store, TenantBranding, TenantCobrowseSettings } from './store/types.js';

const DEFAULT_DB = '.nexus-data/nexus.db';

const USAGE = `Nexus Cloud, the reference server of Nexus Connect.

usage: npm run cloud -- [--database <url|file>] <command> [options]
       (or: node --import tsx server/cli.ts [--database <url|file>] <command> [options])

commands:
  serve [--port 4300] [--host 127.0.0.1] [--sdk-dir <dir>] [--demo-dir <dir> --demo-token <jwt>]
        [--log] [--log-level warn] [--rate-limit off|<kind>=<perSecond>/<burst>]... [--trust-proxy true|<addresses>]
        [--drain-timeout 10s] [--metrics-port <port> [--metrics-host 127.0.0.1]] [--smtp <url> [--mail-from <address>]]
                              run the HTTP server; kinds: address, application, agent, session;
                              log levels: fatal, error, warn, info, debug, trace, silent (--log: info);
                              --smtp smtp://user:pass@host:587 delivers transcript mail (default: the
                              development mail sink); env NEXUS_SMTP_URL, NEXUS_MAIL_FROM, NEXUS_LOG_LEVEL
        [--redis redis://host:6379 [--redis-prefix nexus:]]
                              --redis (or NEXUS_REDIS_URL): share live help with other processes
  migrate                     create or update the database schema
  tenant create <id> [--name <name>]
  tenant list
  token create --tenant <id> --name <name> [--version 1.0] [--ttl 90d|12h|30m|0]
                              print a new application token (JWT) on stdout; --ttl 0 never expires
  token list --tenant <id>
  token revoke <tokenId>
  import <dir> --tenant <id> [--replace]
                              validate a content folder and write it in one transaction
  seed-demo [--content content/demo]
                              tenant 'demo' with the demo content and a new 'demo' token
  skill create <tenant> <id> [--name <name>]
  skill list [--tenant <id>]
  agent create <tenant> --name <name> [--skills a,b] [--max 5]
                              print the new agent's id on stdout
  agent list [--tenant <id>]
  agent token <agentId> [--tenant <id>] [--ttl 90d|12h|30m|0]
                              print a new agent token (JWT) on stdout
  mail list [--tenant <id>]   the outbox: queued and sent mail (a queued one with its attempts and last error)
  mail show <mailId>          one mail with its body
  mail smtp set --tenant <id> <url> [--from <address>]
                              the tenant's own SMTP server for its transcript mail (smtp://user:password@host:587
                              or smtps://…:465), over the server's --smtp; read again for every mail, so it
                              holds for the next one while the server runs. --from: default the server's
  mail smtp show --tenant <id>
                              the tenant's SMTP server as scheme://host:port (never the user or password)
  mail smtp clear --tenant <id>
                              back to the server's --smtp (else the development mail sink)
  branding show --tenant <id> [--json]
                              the tenant's portal branding (theme URLs, mobile switch, strings)
  branding set --tenant <id> [--theme-url <url>] [--step-content-theme-url <url>] [--mobile on|off]
                              theme URLs: https (http only on localhost); '' removes one.
                              --mobile off: the theme is not applied on mobile devices
  branding strings set --tenant <id> [--locale <tag>] <key=text>...
                              override catalogue strings, for one locale (fr, es-MX) or all (*)
  branding strings unset --tenant <id> [--locale <tag>] <key>...
  branding reset --tenant <id>
                              back to the defaults: no themes, applied on mobile, no overrides
  cobrowse show --tenant <id> [--json]
                              the tenant's co-browse settings (extra selectors, remote client URL)
  cobrowse set --tenant <id> [--block <selector>]... [--mask <selector>]... [--remote-client-url <url>] [--recording on|off]
                              --block / --mask replace that list (at most 50 CSS selectors each;
                              --block '' empties it); the URL: https (http only on localhost), '' removes it
  cobrowse reset --tenant <id>
                              back to the defaults: no extra selectors, no remote client URL
  config show <tenant>        the tenant's live-help configuration (session transfer switches)
  config set <tenant> [--allow-session-transfer on|off] [--agent-to-skill-transfer on|off]
                              --allow-session-transfer off: agents cannot transfer sessions;
                              --agent-to-skill-transfer off: not to a skill's queue (to an agent still)

global options:
  --database <url|file>       the database: a postgres:// or postgresql:// URL (PostgreSQL), or an
                              SQLite file (default: $NEXUS_DATABASE_URL, else ${DEFAULT_DB});
                              a URL's ?pool_max=N sets the process's connections (default 20)
  --db <file>                 the same (kept for scripts that name an SQLite file)
  -h, --help                  this text
`;

const OPTIONS = {
  database: { type: 'string' },
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'sdk-dir': { type: 'string' },
  'demo-dir': { type: 'string' },
  'demo-token': { type: 'string' },
  log: { type: 'boolean' },
  'log-level': { type: 'string' },
  'drain-timeout': { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  smtp: { type: 'string' },
  'mail-from': { type: 'string' },
  from: { type: 'string' },
  'rate-limit': { type: 'string', multiple: true },
  'trust-proxy': { type: 'string' },
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
  name: { type: 'string' },
  tenant: { type: 'string' },
  version: { type: 'string' },
  ttl: { type: 'string' },
  replace: { type: 'boolean' },
  content: { type: 'string' },
  skills: { type: 'string' },
  max: { type: 'string' },
  'theme-url': { type: 'string' },
  'step-content-theme-url': { type: 'string' },
  mobile: { type: 'string' },
  locale: { type: 'string' },
  json: { type: 'boolean' },
  block: { type: 'string', multiple: true },
  mask: { type: 'string', multiple: true },
  'remote-client-url': { type: 'string' },
  recording: { type: 'string' },
  'allow-session-transfer': { type: 'string' },
  'agent-to-skill-transfer': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];
/** An option a command may take (OPTIONS' keys). */
export type Option = keyof typeof OPTIONS;

/** Where a command writes: results to `out` (stdout), details and errors to `err` (stderr). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** What a command runs with: its parsed options and arguments, the open store, and where to write. */
export interface Context extends Io {
  values: Values;
  args: string[];
  store: Store;
}

/** One command of the table (here and in mail-commands.ts). */
export interface Command {
  /** Positional arguments after the command words. */
  args: string[];
  /** The last positional argument may repeat (at least once). */
  variadic?: boolean;
  options: Option[];
  /** Resolves to the exit code; nothing means 0. */
  run(context: Context): Promise<number | void>;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `90d`, `12h`, `30m`, `45s` in ms; `0` for no expiry. */
function parseTtl(text: string): number | null {
  if (text === '0') return null;
  const match = /^(\d+)([dhms])$/.exec(text);
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`--ttl must look like 90d, 12h, 30m, 45s or 0, not '${text}'`);
  }
  return Number(match[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[match[2] as 'd' | 'h' | 'm' | 's'];
}

async function createToken(
  { store, out, err }: Context,
  tenantId: string,
  name: string,
  version: string,
  ttl: number | null,
) {
  const { token, jwt } = await issueToken(store, {
    tenantId,
    name,
    version,
    expiresAt: ttl === null ? null : Date.now() + ttl,
  });
  err(`token ${token.id} for tenant ${tenantId}, name '${name}', version ${version}, expires ${date(token.expiresAt)}`);
  out(jwt);
}

/** Imports a folder; returns the exit code (1 when the content has errors). */
async function runImport({ store, out, err }: Context, tenantId: string, dir: string, replace: boolean) {
  const result = await importFolder(store, tenantId, dir, { replace });
  if (!result.ok) {
    err(formatContentErrors(result.errors));
    err(`${count(result.errors.length, 'error', 'errors')}; nothing was imported`);
    return 1;
  }
  const { summary } = result;
  const what = `${count(summary.paths, 'path', 'paths')} and ${count(summary.categories, 'category', 'categories')}`;
  out(`imported ${what} into tenant ${tenantId}`);
  for (const m of summary.movedHelpIds) out(`moved help-id ${m.helpId} from ${m.from} to ${m.to}`);
  if (summary.deletedPaths.length) out(`deleted paths: ${summary.deletedPaths.join(', ')}`);
  if (summary.deletedCategories.length) out(`deleted categories: ${summary.deletedCategories.join(', ')}`);
  return 0;
}

/** A slug argument (tenant, skill); a usage error otherwise. */
function slug(value: string, what: string): string {
  if (!Value.Check(Slug, value)) throw new UsageError(`${what} must be lower-case letters, digits and dashes`);
  return value;
}

/** The agent an id names; --tenant decides when several tenants have an agent with that id. */
async function findAgent(store: Store, id: string, tenantId: string | undefined): Promise<AgentRecord> {
  const matches = (await store.listAgents(tenantId)).filter((a) => a.id === id);
  if (!matches.length) throw new Error(`there is no agent '${id}'${tenantId ? ` in tenant '${tenantId}'` : ''}`);
  if (matches.length > 1) throw new UsageError(`several tenants have an agent '${id}': add --tenant`);
  return matches[0];
}

const agentLine = (a: AgentRecord) => [a.tenantId, a.id, a.name, a.status, a.maxSessions, a.skills.join(',') || '-'].join('\t');

function tokenLine(t: AppToken): string {
  const now = Date.now();
  const status = t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'active';
  return [t.id, t.name, t.version, date(t.createdAt), date(t.expiresAt), status].join('\t');
}

/** The branding as lines of tab-separated fields; string texts with their line breaks and tabs escaped. */
function brandingLines(b: TenantBranding): string[] {
  const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return [
    `tenant\t${b.tenantId}`,
    `theme-url\t${b.themeUrl ?? '-'}`,
    `step-content-theme-url\t${b.stepContentThemeUrl ?? '-'}`,
    `mobile\t${b.applyOnMobile ? 'on' : 'off'}`,
    `updated\t${date(b.updatedAt)}`,
    ...Object.entries(b.strings).flatMap(([locale, strings]) =>
      Object.entries(strings).map(([key, value]) => `string\t${locale}\t${key}\t${text(value)}`),
    ),
  ];
}

/** Applies a branding change and prints the result; refused input is an error naming its code. */
async function brandingChange({ store, out, err }: Context, tenantId: string, change: BrandingChange) {
  try {
    const { branding, warnings } = await changeBranding(store, tenantId, change);
    for (const warning of warnings) err(`warning: ${warning}`);
    brandingLines(branding).forEach((line) => out(line));
  } catch (error) {
    if (error instanceof BrandingError) throw new Error(`${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

/** The co-browse settings as lines of tab-separated fields. */
function cobrowseLines(c: TenantCobrowseSettings): string[] {
  return [
    `tenant\t${c.tenantId}`,
    `remote-client-url\t${c.remoteClientUrl ?? '-'}`,
    `recording\t${c.recording ? 'on' : 'off'}`,
    `updated\t${date(c.updatedAt)}`,
    ...c.blockSelectors.map((selector) => `block\t${selector}`),
    ...c.maskTextSelectors.map((selector) => `mask\t${selector}`),
  ];
}

/** `--block a --block b` as a list; `--block ''` alone empties it; undefined when not given. */
const selectorList = (values: string[] | undefined) => (values && values.length === 1 && values[0] === '' ? [] : values);

/** Listens and prints the ready lines; on SIGTERM / SIGINT drains and stops (ops/shutdown.ts). */
const COMMANDS: Record<string, Command> = {
  serve: {
    args: [],
    options: ['port', 'host', 'sdk-dir', 'demo-dir', 'demo-token', 'log', 'rate-limit', 'trust-proxy', ...OPS_FLAGS, 'redis', 'redis-prefix'],
    run: ({ values, store, out, err }) => serve(values, store, { out, err }),
  },
  migrate: {
    args: [],
    options: [],
    // Every command migrates first; this one only says what it did.
    async run({ out }) {
      out('database schema is up to date');
    },
  },
  'tenant create': {
    args: ['id'],
    options: ['name'],
    async run({ args: [id], values, store, out }) {
      await store.createTenant(slug(id, 'tenant id'), values.name ?? id);
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
    options: ['tenant', 'name', 'version', 'ttl'],
    async run(context) {
      const { values } = context;
      const name = required(values, 'name');
      const ttl = parseTtl(values.ttl ?? '0');
      await createToken(context, required(values, 'tenant'), name, values.version ?? '1.0', ttl);
    },
  },
  'token list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const t of await store.listAppTokens(required(values, 'tenant'))) out(tokenLine(t));
    },
  },
  'token revoke': {
    args: ['tokenId'],
    options: [],
    async run({ args: [id], store, out }) {
      if (!(await store.revokeAppToken(id, Date.now()))) throw new Error(`there is no token '${id}'`);
      out(`revoked token ${id}`);
    },
  },
  import: {
    args: ['dir'],
    options: ['tenant', 'replace'],
    run: (context) =>
      runImport(context, required(context.values, 'tenant'), context.args[0], context.values.replace ?? false),
  },
  'seed-demo': {
    args: [],
    options: ['content'],
    async run(context) {
      const { store, values } = context;
      if (!(await store.getTenant('demo'))) await store.createTenant('demo', 'Demo');
      if (await runImport(context, 'demo', values.content ?? 'content/demo', true)) return 1;
      await createToken(context, 'demo', 'demo', '1.0', null);
    },
  },
  'skill create': {
    args: ['tenant', 'id'],
    options: ['name'],
    async run({ args: [tenant, id], values, store, out }) {
      await existingTenant(store, slug(tenant, 'tenant id'));
      await store.createSkill(tenant, slug(id, 'skill id'), values.name ?? id);
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
  'agent create': {
    args: ['tenant'],
    options: ['name', 'skills', 'max'],
    async run({ args: [tenant], values, store, out, err }) {
      const name = required(values, 'name');
      const skills = (values.skills ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const max = Number(values.max ?? 5);
      if (!Number.isInteger(max) || max < 1 || max > 100) throw new UsageError('--max must be a whole number from 1 to 100');
      await existingTenant(store, slug(tenant, 'tenant id'));
      const agent = await store.createAgent({ tenantId: tenant, name, skills, maxSessions: max });
      err(`created agent '${name}' in tenant ${tenant}, skills ${skills.join(', ') || 'none (general queue only)'}, at most ${max} sessions`);
      out(agent.id);
    },
  },
  'agent list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      for (const a of await store.listAgents(values.tenant)) out(agentLine(a));
    },
  },
  'agent token': {
    args: ['agentId'],
    options: ['tenant', 'ttl'],
    async run({ args: [id], values, store, out, err }) {
      const ttl = parseTtl(values.ttl ?? '0');
      const agent = await findAgent(store, id, values.tenant);
      const { token, jwt } = await issueAgentToken(store, {
        tenantId: agent.tenantId,
        agentId: agent.id,
        expiresAt: ttl === null ? null : Date.now() + ttl,
      });
      err(`token ${token.id} for agent ${agent.id} (${agent.name}) of tenant ${agent.tenantId}, expires ${date(token.expiresAt)}`);
      out(jwt);
    },
  },
  'branding show': {
    args: [],
    options: ['tenant', 'json'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const branding = await store.getBranding(tenantId);
      if (!branding) throw new Error(`there is no tenant '${tenantId}'`);
      if (values.json) out(JSON.stringify(toPortalBranding(branding), null, 2));
      else brandingLines(branding).forEach((line) => out(line));
    },
  },
  'branding set': {
    args: [],
    options: ['tenant', 'theme-url', 'step-content-theme-url', 'mobile'],
    async run(context) {
      const { values } = context;
      const tenantId = required(values, 'tenant');
      const change: BrandingChange = {
        themeUrl: values['theme-url'],
        stepContentThemeUrl: values['step-content-theme-url'],
        applyOnMobile: onOff('mobile', values.mobile),
      };
      if (Object.values(change).every((value) => value === undefined)) {
        throw new UsageError('give at least one of --theme-url, --step-content-theme-url, --mobile');
      }
      await brandingChange(context, tenantId, change);
    },
  },
  'branding strings set': {
    args: ['key=text'],
    variadic: true,
    options: ['tenant', 'locale'],
    async run(context) {
      const { values, args } = context;
      const entries: Record<string, string> = {};
      for (const arg of args) {
        const at = arg.indexOf('=');
        if (at < 1) throw new UsageError(`expected key=text, not '${arg}'`);
        entries[arg.slice(0, at)] = arg.slice(at + 1);
      }
      await brandingChange(context, required(values, 'tenant'), { setStrings: { [values.locale ?? '*']: entries } });
    },
  },
  'branding strings unset': {
    args: ['key'],
    variadic: true,
    options: ['tenant', 'locale'],
    async run(context) {
      const { values, args } = context;
      await brandingChange(context, required(values, 'tenant'), { unsetStrings: { [values.locale ?? '*']: args } });
    },
  },
  'branding reset': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      await existingTenant(store, tenantId);
      const had = await store.resetBranding(tenantId);
      out(had ? `reset the branding of tenant ${tenantId} to the defaults` : `tenant ${tenantId} has the default branding already`);
    },
  },
  'cobrowse show': {
    args: [],
    options: ['tenant', 'json'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const settings = await store.getCobrowseSettings(tenantId);
      if (!settings) throw new Error(`there is no tenant '${tenantId}'`);
      if (values.json) out(JSON.stringify(toCobrowseSettings(settings), null, 2));
      else cobrowseLines(settings).forEach((line) => out(line));
    },
  },
  'cobrowse set': {
    args: [],
    options: ['tenant', 'block', 'mask', 'remote-client-url', 'recording'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const change: CobrowseSettingsChange = {
        blockSelectors: selectorList(values.block),
        maskTextSelectors: selectorList(values.mask),
        remoteClientUrl: values['remote-client-url'],
        recording: onOff('recording', values.recording),
      };
      if (Object.values(change).every((value) => value === undefined)) {
        throw new UsageError('give at least one of --block, --mask, --remote-client-url, --recording');
      }
      await existingTenant(store, tenantId);
      try {
        cobrowseLines(await changeCobrowseSettings(store, tenantId, change)).forEach((line) => out(line));
      } catch (error) {
        if (error instanceof CobrowseSettingsError) throw new Error(`${error.code}: ${error.message}`, { cause: error });
        throw error;
      }
    },
  },
  'cobrowse reset': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      await existingTenant(store, tenantId);
      const had = await store.resetCobrowseSettings(tenantId);
      out(had ? `reset the co-browse settings of tenant ${tenantId} to the defaults` : `tenant ${tenantId} has the default co-browse settings already`);
    },
  },
  ...MAIL_COMMANDS,
  ...CONFIG_COMMANDS,
};

/** The command named by the first one or two words, and the arguments after them. */
function findCommand(positionals: string[]): [Command, string[]] {
  for (const words of [3, 2, 1]) {
    const command = COMMANDS[positionals.slice(0, words).join(' ')];
    if (command && positionals.length >= words) return [command, positionals.slice(words)];
  }
  throw new UsageError(positionals.length ? `unknown command '${positionals.join(' ')}'` : 'no command given');
}

/**
 * Runs one command line (without `node` and the script); resolves to the exit code. `env` is
 * where NEXUS_DATABASE_URL is read (the process's environment by default).
 */
export async function runCli(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await execute(argv, io, env);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`error: ${(error as Error).message}`);
    return 1;
  }
}

/** Where the database is: --database, else --db, else NEXUS_DATABASE_URL, else the default file. */
function databaseTarget(values: Values, env: NodeJS.ProcessEnv): string {
  if (values.database !== undefined && values.db !== undefined && values.database !== values.db) {
    throw new UsageError('give --database or --db, not both');
  }
  const target = values.database ?? values.db ?? env.NEXUS_DATABASE_URL ?? DEFAULT_DB;
  if (!target) throw new UsageError('--database must name a database');
  return target;
}

async function execute(argv: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [command, args] = findCommand(positionals);
  const extra = (Object.keys(values) as Option[]).filter((o) => o !== 'db' && o !== 'database' && !command.options.includes(o));
  if (extra.length) throw new UsageError(`this command takes no --${extra[0]}`);
  if (command.variadic ? args.length < command.args.length : args.length !== command.args.length) {
    throw new UsageError(`expected ${command.args.map((a) => `<${a}>`).join(' ') || 'no arguments'}`);
  }

  const target = databaseTarget(values, env);
  const store = await openStore(target);
  try {
    const applied = await store.migrate();
    if (applied.length) io.err(`applied migrations: ${applied.join(', ')} (${describeTarget(target)})`);
    return (await command.run({ ...io, values, args, store })) ?? 0;
  } finally {
    await store.close();
  }
}
