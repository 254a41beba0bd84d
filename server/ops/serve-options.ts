/**
 * The production options of `serve` (commands.ts): log level, drain timeout, the metrics listener
 * SMTP and the public URL, from flags first and then the environment (NEXUS_LOG_LEVEL, NEXUS_SMTP_URL,
 * NEXUS_MAIL_FROM, NEXUS_PUBLIC_URL); and what `serve` does around the app with them: the metrics listener, and the
 * graceful stop on SIGTERM / SIGINT.
 */
import type { FastifyInstance } from 'fastify';
import { checkSmtpUrl, describeSmtpUrl, type SmtpOptions } from '../live/mailer.js';
import { UsageError } from '../usage-error.js';
import { LOG_LEVELS, type LogLevel } from './logging.js';
import { startMetricsServer, type MetricsServer } from './metrics.js';
import { closeGracefully, DEFAULT_DRAIN_TIMEOUT_MS } from './shutdown.js';

/** The flags read here (commands.ts declares them as options of `serve`). */
export const OPS_FLAGS = ['log-level', 'drain-timeout', 'metrics-port', 'metrics-host', 'smtp', 'mail-from', 'public-url'] as const;

/** Their values, as parseArgs gives them. */
export interface OpsFlags {
  'log-level'?: string;
  'drain-timeout'?: string;
  'metrics-port'?: string;
  'metrics-host'?: string;
  smtp?: string;
  'mail-from'?: string;
  'public-url'?: string;
}

export interface OpsOptions {
  logLevel?: LogLevel;
  smtp?: SmtpOptions;
  drainTimeoutMs: number;
  metrics?: { host: string; port: number };
  /** The origin links in mail point to (password reset): `https://support.example.com`. */
  publicUrl?: string;
}

/** `--public-url` (or NEXUS_PUBLIC_URL): an http(s) origin, without a path. */
function publicUrlOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`--public-url must be an http(s) origin like https://support.example.com, not '${value}'`);
  }
  return url.origin;
}

/** A port flag: 0-65535 (0: any free port). */
export function portOption(name: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--${name} must be 0-65535`);
  return port;
}

/** `30s`, `1500ms` or a number of milliseconds. */
function parseDuration(name: string, text: string): number {
  const match = /^(\d+)(ms|s)?$/.exec(text);
  if (!match) throw new UsageError(`--${name} must look like 30s, 1500ms or 1500, not '${text}'`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

export function parseOpsOptions(flags: OpsFlags, env: NodeJS.ProcessEnv = process.env): OpsOptions {
  // An empty variable (as compose files pass unset ones) counts as unset.
  const level = flags['log-level'] ?? (env.NEXUS_LOG_LEVEL || undefined);
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not '${level}'`);
  }
  const smtpUrl = flags.smtp ?? (env.NEXUS_SMTP_URL || undefined);
  if (smtpUrl) {
    try {
      checkSmtpUrl(smtpUrl);
    } catch (error) {
      throw new UsageError(`--smtp: ${(error as Error).message}`);
    }
  }
  if (flags['mail-from'] !== undefined && !smtpUrl) throw new UsageError('--mail-from goes with --smtp (or NEXUS_SMTP_URL)');
  if (flags['metrics-host'] !== undefined && flags['metrics-port'] === undefined) throw new UsageError('--metrics-host goes with --metrics-port');
  return {
    logLevel: level as LogLevel | undefined,
    publicUrl: publicUrlOption(flags['public-url'] ?? (env.NEXUS_PUBLIC_URL || undefined)),
    smtp: smtpUrl ? { url: smtpUrl, from: flags['mail-from'] ?? (env.NEXUS_MAIL_FROM || undefined) } : undefined,
    drainTimeoutMs: flags['drain-timeout'] === undefined ? DEFAULT_DRAIN_TIMEOUT_MS : parseDuration('drain-timeout', flags['drain-timeout']),
    metrics:
      flags['metrics-port'] === undefined
        ? undefined
        : { port: portOption('metrics-port', flags['metrics-port']), host: flags['metrics-host'] ?? '127.0.0.1' },
  };
}

/** Starts the metrics listener (when asked for) and says where transcript mail goes, on `err`. */
export async function startOps(app: FastifyInstance, ops: OpsOptions, err: (line: string) => void): Promise<MetricsServer | undefined> {
  err(
    ops.smtp
      ? `transcript mail: delivered over SMTP (${describeSmtpUrl(ops.smtp.url)}, or the tenant's own: mail smtp set)`
      : "transcript mail: over SMTP for tenants with their own server (mail smtp set); the others: the development mail sink (queued in the outbox, not delivered; --smtp delivers it)",
  );
  return ops.metrics && startMetricsServer(app.metrics, ops.metrics);
}

/** Waits for SIGTERM or SIGINT, then drains and closes the app and the metrics listener. */
export async function stopOnSignal(app: FastifyInstance, ops: OpsOptions, metrics: MetricsServer | undefined, err: (line: string) => void) {
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM')).once('SIGINT', () => resolve('SIGINT'));
  });
  err(`${signal}: draining (at most ${ops.drainTimeoutMs} ms), then stopping`);
  // A second signal does not wait for the drain.
  const cut = () => app.server.closeAllConnections();
  process.once('SIGTERM', cut).once('SIGINT', cut);
  try {
    await closeGracefully(app, ops.drainTimeoutMs);
    await metrics?.close();
  } finally {
    process.off('SIGTERM', cut).off('SIGINT', cut);
  }
}
