import { html, nothing } from 'lit';
import { property, state } from '../shared/decorators.js';
import type { LiveSession } from '../../protocol/live.js';
import { ClientListeners } from '../shared/client-listeners.js';
import { define } from '../shared/define.js';
import { NexusElement } from '../shared/nexus-element.js';
import '../../i18n/strings-live.js';
import { cobrowseCodeStyles } from './cobrowse-code.styles.js';
import '../cobrowse-consent/cobrowse-consent.js';

/**
 * What the element shows: the start button (`idle`), `loading` (getting a code, or no client
 * yet), the code while waiting for the agent (`code`), `sharing`, or `error`.
 */
export type CobrowseCodeState = 'idle' | 'loading' | 'code' | 'sharing' | 'error';

/** "123456" shown as "123 456", easier to read out. */
const grouped = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * Co-browse by code, for a person on the phone with an agent and no chat: a button gets a
 * 6-digit code, the person reads it out, the agent joins with it (`AgentClient.joinCobrowse`)
 * and asks to see the tab; the consent question and the sharing indicator
 * (`<nexus-cobrowse-consent>`) follow. Cancel (or the agent's end) drops the code.
 *
 * @summary A 6-digit co-browse code to read to an agent on the phone.
 * @tag nexus-cobrowse-code
 *
 * @attr state - Read-only, reflected: `idle` (the start button), `loading` (getting a code, or no client yet), `code` (the code, until the agent joins and the tab is shared), `sharing` or `error`.
 *
 * @csspart base - The whole element.
 * @csspart start-button - Gets a code.
 * @csspart intro - What to do with the code.
 * @csspart code - The code, in two groups of three digits.
 * @csspart waiting - "Waiting for the agent" until the agent joined (`role="status"`).
 * @csspart cancel-button - Drops the code.
 * @csspart error - Getting a code failed (`role="alert"`), with the start button to try again.
 * @csspart consent__base - The consent question or sharing indicator (`<nexus-cobrowse-consent>`).
 *
 * @fires nexus-cobrowse-code - A code was given: `detail.code`, `detail.sessionId`.
 * @fires nexus-error - Getting a code failed.
 */
export class NexusCobrowseCode extends NexusElement {
  static override styles = [...NexusElement.styles, cobrowseCodeStyles];

  /** The agent skill (queue) the code's session belongs to; the general queue when empty. */
  @property() skill = '';

  /** Where the element is; `state` adds the base class's states (no client yet, or none). */
  @state() private phase: CobrowseCodeState = 'idle';
  @state() private session: LiveSession | null = null;
  private readonly listeners = new ClientListeners(this, (client) => {
    if (!client.cobrowse) return [];
    const sync = () => this.sync();
    return [client.cobrowse.on('state', sync), client.liveHelp.on('session.update', sync), client.liveHelp.on('session.close', sync)];
  });

  /**
   * What is shown now (read-only; reflected as the `state` attribute, for styling): `idle`,
   * `loading`, `code`, `sharing` or `error`.
   */
  get state(): CobrowseCodeState {
    return this.shownState as CobrowseCodeState;
  }

  protected override deriveState(): CobrowseCodeState {
    return this.baseState ?? this.phase;
  }

  private sync() {
    const client = this.listeners.client;
    if (!client || this.phase === 'idle' || this.phase === 'loading' || this.phase === 'error') return;
    const live = client.liveHelp.session;
    if (!live || live.state === 'ended' || live.id !== this.session?.id) {
      this.session = null;
      this.phase = 'idle';
      return;
    }
    this.session = live;
    this.phase = client.cobrowse.sharing ? 'sharing' : 'code';
  }

  /** Gets a code (a live session of kind `call` for co-browse); resolves to it, or null on error. */
  async start(): Promise<string | null> {
    const client = this.client;
    if (!client || this.phase === 'loading') return null;
    this.phase = 'loading';
    try {
      const { code, session } = await client.cobrowse.requestCode(this.skill ? { skill: this.skill } : {});
      this.session = session;
      this.phase = 'code';
      this.emit('nexus-cobrowse-code', { code, sessionId: session.id });
      return code;
    } catch (error) {
      this.phase = 'error';
      this.reportError(error);
      return null;
    }
  }

  /** Drops the code: ends its live session (and any co-browse with it). */
  async cancel(): Promise<void> {
    const client = this.client;
    this.session = null;
    this.phase = 'idle';
    await client?.liveHelp.end().catch((error: unknown) => this.reportError(error));
  }

  protected override renderContent() {
    const session = this.session;
    return html`<div part="base" class="base">
      ${this.phase === 'idle' || this.phase === 'loading' || this.phase === 'error'
        ? html`${this.phase === 'error' ? html`<p part="error" class="error" role="alert">${this.t('cobrowseCodeError')}</p>` : nothing}
            <button part="start-button" class="button primary" ?disabled=${this.phase === 'loading'} @click=${() => void this.start()}>
              ${this.t('cobrowseCodeStart')}
            </button>`
        : nothing}
      ${this.phase === 'code' && session
        ? html`<p part="intro">${this.t('cobrowseCodeIntro')}</p>
            <p part="code" class="code" aria-label=${session.code.split('').join(' ')}>${grouped(session.code)}</p>
            <p part="waiting" role="status">${session.state === 'active' ? '' : this.t('cobrowseCodeWaiting')}</p>
            <button part="cancel-button" class="button" @click=${() => void this.cancel()}>${this.t('cobrowseCodeCancel')}</button>`
        : nothing}
      ${this.phase === 'code' || this.phase === 'sharing'
        ? html`<nexus-cobrowse-consent .client=${this.client} exportparts="base:consent__base"></nexus-cobrowse-consent>`
        : nothing}
    </div>`;
  }
}

define('nexus-cobrowse-code', NexusCobrowseCode);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-cobrowse-code': NexusCobrowseCode;
  }
}
