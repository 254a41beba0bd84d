/**
 * The Nexus Cloud commands. `server/cli.ts` runs them for `npm run cloud -- <command> …`; tests
 * call `runCli` directly.
 */
import { parseArgs } from 'node:util';
import { ADMIN_COMMANDS, printNewToken } from './admin-commands.js';
import { CLI } from './admin/kit.js';
import { createTenant } from './admin/tenant.js';
import { required } from './command-kit.js';
import { CONFIG_COMMANDS } from './config-commands.js';
import { formatContentErrors, importFolder } from './content/import.js';
import { ACCOUNT_COMMANDS } from './account-commands.js';
import { MAIL_COMMANDS } from './mail-commands.js';
import { OPS_FLAGS } from './ops/serve-options.js';
import { serve } from './serve.js';
import { SETTINGS_COMMANDS } from './settings-commands.js';
import { describeTarget, openStore } from './store/open.js';
import { UsageError } from './usage-error.js';
import type { Store } from './store/types.js';

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
        [--redis redis://host:6379 [--redis-prefix nexus:]] [--public-url https://support.example.com]
                              --redis (or NEXUS_REDIS_URL): share live help with other processes
  migrate                     create or update the database schema
  tenant create <id> [--name <name>]
  tenant list
  token create --tenant <id> --name <name> [--version 1.0] [--ttl 90d|12h|30m|0]
               [--audience client-apps|rest-apis|client-apps-and-rest-apis]
                              print a new application token (JWT) on stdout; --ttl 0 never expires
  token list --tenant <id>
  token show <tokenId>        print an application token's JWT again (the same text; recorded in the audit log)
  token revoke <tokenId>      application or agent token; connections using it close
  import <dir> --tenant <id> [--replace]
                              validate a content folder and write it in one transaction
  seed-demo [--content content/demo]
                              tenant 'demo' with the demo content and a new 'demo' token
  skill create <tenant> <id> [--name <name>]
  skill list [--tenant <id>]
  skill rename <tenant> <id> --name <name>
  skill delete <tenant> <id>  refused while sessions wait or are served in it; taken off its agents
  skill assign <tenant> <id> <agentId>...
  skill unassign <tenant> <id> <agentId>...
  agent create <tenant> --name <name> [--skills a,b] [--max 5]
                              print the new agent's id on stdout
  agent list [--tenant <id>]
  agent update <agentId> [--tenant <id>] [--name <name>] [--skills a,b] [--max 5]
                              --skills replaces the list ('' for none)
  agent delete <agentId> [--tenant <id>]
                              refused while it holds sessions; its tokens are revoked
  agent token <agentId> [--tenant <id>] [--ttl 90d|12h|30m|0]
                              print a new agent token (JWT) on stdout
  account add <tenant> --email <address> --name <name> --role admin|supervisor|agent|author [--password <pw>]
        [--agent <agentId>] [--skills a,b]
                              a person who signs in; prints the account id, then the password when
                              none was given (a generated one). An agent account gets a new agent
                              (--skills) unless --agent links an existing one
  account list [--tenant <id>]
  account set-password <tenant> <email|id> [--password <pw>]
                              prints a generated one when none is given; signs the account out everywhere
  account disable|enable <tenant> <email|id>
                              a disabled account cannot sign in and is signed out everywhere
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
  branding theme upload --tenant <id> [--step-content] --public-url <origin> <file.css>
                              host a theme CSS file (at most 256 KB of plain CSS text) and point the
                              theme URL (--step-content: the step content theme URL) at it
  branding theme download --tenant <id> [--step-content]
                              print the hosted theme file
  branding theme reset --tenant <id> [--step-content]
                              back to the default theme: the hosted file and the URL are removed
  branding reset --tenant <id>
                              back to the defaults: no themes, applied on mobile, no overrides
  cobrowse show --tenant <id> [--json]
                              the tenant's co-browse settings (extra selectors, remote client URL)
  cobrowse set --tenant <id> [--block <selector>]... [--mask <selector>]... [--remote-client-url <url>] [--recording on|off]
                              --block / --mask replace that list (at most 50 CSS selectors each;
                              --block '' empties it); the URL: https (http only on localhost), '' removes it
  cobrowse reset --tenant <id>
                              back to the defaults: no extra selectors, no remote client URL
  audit list [--tenant <id>] [--action <action>] [--actor cli|<accountId>] [--since 7d|<ISO time>] [--limit 50]
                              the audit log, newest first: seq, time, tenant, actor, action, target,
                              before and after (JSON); every change above is recorded (actor cli)
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
  'public-url': { type: 'string' },
  from: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  agent: { type: 'string' },
  'rate-limit': { type: 'string', multiple: true },
  'trust-proxy': { type: 'string' },
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
  name: { type: 'string' },
  tenant: { type: 'string' },
  version: { type: 'string' },
  ttl: { type: 'string' },
  audience: { type: 'string' },
  replace: { type: 'boolean' },
  content: { type: 'string' },
  skills: { type: 'string' },
  max: { type: 'string' },
  'theme-url': { type: 'string' },
  'step-content-theme-url': { type: 'string' },
  'step-content': { type: 'boolean' },
  mobile: { type: 'string' },
  locale: { type: 'string' },
  json: { type: 'boolean' },
  block: { type: 'string', multiple: true },
  mask: { type: 'string', multiple: true },
  'remote-client-url': { type: 'string' },
  recording: { type: 'string' },
  action: { type: 'string' },
  actor: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
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

/** One command of the table (here, in mail-commands.ts and account-commands.ts). */
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
      if (!(await store.getTenant('demo'))) await createTenant(store, CLI, { id: 'demo', name: 'Demo' });
      if (await runImport(context, 'demo', values.content ?? 'content/demo', true)) return 1;
      await printNewToken(context, 'demo', { name: 'demo', version: '1.0', expiresAt: null });
    },
  },
  ...ADMIN_COMMANDS,
  ...SETTINGS_COMMANDS,
  ...MAIL_COMMANDS,
  ...ACCOUNT_COMMANDS,
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
