import type { AgentTokenGrant } from '../../protocol/accounts.js';
import { NexusError } from '../../core/errors.js';
import { AccountSession } from '../../core/account-session.js';

/** What the account sign-in needs from the console. */
export interface AccountHost {
  server(): string | undefined;
  /** Use this agent token: the first one of a sign-in (`renewed` false) or the next one of the same agent. */
  useToken(token: string, renewed: boolean): void;
  /** The next token was refused (the session ended, the account was disabled): sign-in is over. */
  failed(error: unknown): void;
  reportError(error: unknown): void;
}

/**
 * The console's sign-in with an account: email and password make a session (the server's
 * cookie), whose 15-minute agent token the console uses as a pasted one, renewed a minute
 * before it expires for as long as the session lasts.
 */
export class AccountSignIn {
  private session?: AccountSession;
  private grant?: AgentTokenGrant;
  private stopRenewal?: () => void;

  constructor(private readonly host: AccountHost) {}

  /** Whether the console's token comes from a signed-in account. */
  get active(): boolean {
    return this.session !== undefined;
  }

  /**
   * Signs in and hands the first agent token to the console. Rejects with the server's error
   * (`sign_in_failed`, `sign_in_locked`, `tenant_required`, `account_disabled`, or 403
   * `forbidden` for an account that has no agent).
   */
  async signIn(email: string, password: string, tenant?: string): Promise<void> {
    this.end(false);
    const server = this.host.server();
    if (!server) return;
    await this.start(await AccountSession.signIn({ server, email, password, tenant }));
  }

  /**
   * Signs in with the session the browser's cookie holds already (the page was reloaded), when
   * there is one with an agent; quietly nothing otherwise (no session, another origin, offline).
   */
  async restore(): Promise<void> {
    const server = this.host.server();
    if (!server || this.session) return;
    const session = await AccountSession.resume({ server }).catch(() => null);
    if (session?.account.agentId && !this.session) await this.start(session).catch(() => undefined);
  }

  private async start(session: AccountSession) {
    const grant = await session.agentToken();
    this.session = session;
    this.grant = grant;
    this.host.useToken(grant.token, false);
    this.resume();
  }

  /**
   * The form was sent: signs in with what it holds (an empty field gets the focus instead). On a
   * refusal the view shows why and renders the form anew, which gets back what was typed.
   */
  async submit(
    fields: AccountFields,
    view: { signingIn(): void; refused(error: unknown, tenantAsked: boolean): Promise<AccountFields> },
  ): Promise<void> {
    const empty = [fields.email, fields.password].find((input) => !input?.value.trim());
    if (empty) return empty.focus();
    const typed = readFields(fields);
    view.signingIn();
    try {
      await this.signIn(typed.email, typed.password, typed.tenant || undefined);
    } catch (error) {
      const tenantAsked = error instanceof NexusError && error.code === 'tenant_required';
      refill(await view.refused(error, tenantAsked), typed, tenantAsked);
    }
  }

  /** Renews the token from the last one on (again after `pause`, when the console is back in the page). */
  resume(): void {
    const { session, grant } = this;
    if (!session || !grant || this.stopRenewal) return;
    this.stopRenewal = session.keepAgentToken(
      grant,
      (next) => {
        this.grant = next;
        this.host.useToken(next.token, true);
      },
      (error) => this.host.failed(error),
    );
  }

  /** Stops renewing (the console left the page); `resume` starts again. */
  pause(): void {
    this.stopRenewal?.();
    this.stopRenewal = undefined;
  }

  /** Forgets the account; `signOut` also ends its session on the server (and the agent tokens it got). */
  end(signOut: boolean): void {
    this.pause();
    const session = this.session;
    this.session = undefined;
    this.grant = undefined;
    if (signOut && session) session.signOut().catch((error: unknown) => this.host.reportError(error));
  }
}

/** The account form's fields (the tenant one only when asked). */
export interface AccountFields {
  email?: HTMLInputElement;
  password?: HTMLInputElement;
  tenant?: HTMLInputElement;
}

/** The account form's fields in the console's shadow root. */
export function fieldsIn(root: ParentNode): AccountFields {
  const field = (name: string) => root.querySelector<HTMLInputElement>(`[part~="${name}-input"]`) ?? undefined;
  return { email: field('email'), password: field('password'), tenant: field('tenant') };
}

/** What the fields hold, trimmed (but the password, as typed). */
function readFields(fields: AccountFields) {
  return { email: fields.email?.value.trim() ?? '', password: fields.password?.value ?? '', tenant: fields.tenant?.value.trim() ?? '' };
}

/**
 * Puts back what was typed into a form rendered anew after a failed sign-in, but a refused
 * password, and focuses where to go on: the tenant when it was asked for, else the password.
 */
function refill(fields: AccountFields, typed: ReturnType<typeof readFields>, tenantAsked: boolean): void {
  if (fields.email) fields.email.value = typed.email;
  if (fields.tenant) fields.tenant.value = typed.tenant;
  if (tenantAsked && fields.password) fields.password.value = typed.password;
  (tenantAsked ? fields.tenant : fields.password)?.focus();
}
