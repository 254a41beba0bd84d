import type { AgentTokenGrant, AuthSession, StaffAccount } from '../protocol/accounts.js';
import { CSRF_HEADER } from '../protocol/api.js';
import { ROUTES } from '../protocol/routes.js';
import { AdminClient } from './admin-client.js';
import { NexusError } from './errors.js';
import { Transport } from './transport.js';

export interface AccountSessionOptions {
  /** URL of the Nexus Cloud server: the page's own origin (the sign-in cookie is not sent across origins). */
  server: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface SignInOptions extends AccountSessionOptions {
  email: string;
  password: string;
  /** Needed only when the email has an account in several tenants (the server answers `tenant_required`). */
  tenant?: string;
}

/**
 * The page's note that it signed in with an account on a server (`localStorage`, no secret in it):
 * a reload asks the server for its session only then, so a page that never signed in does not
 * make a request that can only fail (and log a 401 in the browser's console). Without storage,
 * the server is asked.
 */
const SIGNED_IN_KEY = 'nexus-account-signed-in:';

function noteSignedIn(server: string, signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY + server, '1');
    else localStorage.removeItem(SIGNED_IN_KEY + server);
  } catch {
    // No storage (a sandboxed frame, a private mode): resume asks the server.
  }
}

function notedSignedIn(server: string): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY + server) !== null;
  } catch {
    return true;
  }
}

/** Asks for the next agent token this long before the current one expires (at most half its life). */
const RENEW_BEFORE_MS = 60_000;

/**
 * A person signed in with email and password (docs/security.md#accounts): the server's session
 * cookie, which the browser keeps (HttpOnly: no script sees it), and the CSRF token every POST
 * sends with it. The console of a signed-in agent gets its agent token here
 * (`agentToken`, `keepAgentToken`) and uses it as a pasted one.
 *
 * Same origin only: the server accepts no credentials from other origins, so a page elsewhere
 * signs in with a token instead.
 */
export class AccountSession {
  private readonly transport: Transport;
  /** The server this account is signed in at (an admin page's live preview talks to it too). */
  readonly server: string;

  private constructor(
    options: AccountSessionOptions,
    private readonly session: AuthSession,
  ) {
    this.server = options.server;
    noteSignedIn(options.server, true);
    this.transport = cookieTransport(options, () => this.session.csrfToken);
    this.admin = new AdminClient(this.transport);
  }

  /** The admin REST API as this account (its role decides what it may do; 403 `forbidden` otherwise). */
  readonly admin: AdminClient;

  /** Signs in; rejects with the server's code: `sign_in_failed`, `sign_in_locked` (with `retryAfterMs`), `tenant_required`, `account_disabled`. */
  static async signIn(options: SignInOptions): Promise<AccountSession> {
    const { email, password, tenant } = options;
    const transport = cookieTransport(options, () => undefined);
    const session = await transport.request<AuthSession>('POST', ROUTES.authSignIn, { body: { email, password, ...(tenant && { tenant }) } });
    return new AccountSession(options, session);
  }

  /**
   * The session the browser's cookie holds already (a reload), or null when there is none. Only a
   * page that signed in on that server before asks it (see SIGNED_IN_KEY).
   */
  static async resume(options: AccountSessionOptions): Promise<AccountSession | null> {
    if (!notedSignedIn(options.server)) return null;
    try {
      return new AccountSession(options, await cookieTransport(options, () => undefined).request<AuthSession>('GET', ROUTES.authSession));
    } catch (error) {
      if (!(error instanceof NexusError && error.status === 401)) throw error;
      noteSignedIn(options.server, false);
      return null;
    }
  }

  /**
   * Asks for a password reset mail (its link opens the portal at `/portal/#reset=<token>`). The
   * server answers the same whether the account exists or not, so this resolves either way.
   */
  static async requestPasswordReset(options: AccountSessionOptions & { email: string; tenant?: string }): Promise<void> {
    const { email, tenant } = options;
    await cookieTransport(options, () => undefined).request('POST', ROUTES.authPasswordReset, { body: { email, ...(tenant && { tenant }) } });
  }

  /**
   * Sets a new password with the token of a reset mail; every session of the account ends.
   * Rejects with `reset_token_invalid` (used, expired or unknown) or `password_rejected`.
   */
  static async resetPassword(options: AccountSessionOptions & { token: string; password: string }): Promise<void> {
    const { token, password } = options;
    await cookieTransport(options, () => undefined).request('POST', ROUTES.authPasswordResetConfirm, { body: { token, password } });
  }

  /** Who is signed in: the account, its tenant and role, and its agent (null: it takes no chats). */
  get account(): StaffAccount {
    return this.session.account;
  }

  /** A 15-minute agent token for the account's agent; 403 `forbidden` for an account without one. */
  agentToken(): Promise<AgentTokenGrant> {
    return this.transport.request<AgentTokenGrant>('POST', ROUTES.authAgentToken);
  }

  /**
   * Keeps an agent token fresh: asks for the next one a minute before `grant` expires (halfway
   * for a shorter one) and hands it to `onToken`, and so on until the returned function is
   * called. A refusal (the session ended, the account was disabled) goes to `onError` and ends it;
   * a network failure is tried again a few seconds later, while the token still works.
   */
  keepAgentToken(grant: AgentTokenGrant, onToken: (grant: AgentTokenGrant) => void, onError: (error: unknown) => void): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = (expiresAt: number, delay?: number) => {
      const left = expiresAt - Date.now();
      timer = setTimeout(() => void renew(expiresAt), delay ?? Math.max(0, left - Math.min(RENEW_BEFORE_MS, left / 2)));
    };
    const renew = async (expiresAt: number) => {
      try {
        const next = await this.agentToken();
        if (stopped) return;
        onToken(next);
        schedule(next.expiresAt);
      } catch (error) {
        if (stopped) return;
        const retry = error instanceof NexusError && (error.code === 'network_error' || error.code === 'timeout' || error.status >= 500);
        if (retry && expiresAt - Date.now() > 5000) schedule(expiresAt, 3000);
        else onError(error);
      }
    };
    schedule(grant.expiresAt);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /**
   * Changes the password: this session stays, the account's other sessions end. Rejects with
   * `password_wrong` (the current one is not right) or `password_rejected` (the rule is in its message).
   */
  async changePassword(current: string, next: string): Promise<void> {
    await this.transport.request('POST', ROUTES.authPassword, { body: { current, next } });
  }

  /** Signs this browser out: the cookie and the agent tokens it got stop working. */
  async signOut(): Promise<void> {
    await this.transport.request('POST', ROUTES.authSignOut);
    noteSignedIn(this.server, false);
  }

  /** Signs the account out everywhere: every browser, and every agent token got by any of them. */
  async signOutEverywhere(): Promise<void> {
    await this.transport.request('POST', ROUTES.authSignOutEverywhere);
    noteSignedIn(this.server, false);
  }
}

/** Signs in with email and password: see `AccountSession.signIn`. */
export const signIn = (options: SignInOptions): Promise<AccountSession> => AccountSession.signIn(options);

/** Requests with the sign-in cookie and, once there is one, the CSRF token. */
function cookieTransport(options: AccountSessionOptions, csrf: () => string | undefined): Transport {
  return new Transport({
    server: options.server,
    token: null,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
    headers: (): Record<string, string> => {
      const token = csrf();
      return token ? { [CSRF_HEADER]: token } : {};
    },
  });
}
