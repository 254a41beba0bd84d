import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { define } from '../components/shared/define.js';
import type { StringKey } from '../i18n/strings.js';
import type { TenantConfigInfo, TenantConfigUpdate } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';

type Switch = keyof TenantConfigUpdate;

/** What each switch is called, what it does, and what the page says when it turned on or off. */
const SWITCHES: Record<Switch, { label: StringKey; hint: StringKey; on: StringKey; off: StringKey }> = {
  allowSessionTransfer: {
    label: 'portalConfigAllowTransfer',
    hint: 'portalConfigAllowTransferHint',
    on: 'portalConfigTransferOn',
    off: 'portalConfigTransferOff',
  },
  agentToSkillTransfer: {
    label: 'portalConfigSkillTransfer',
    hint: 'portalConfigSkillTransferHint',
    on: 'portalConfigSkillOn',
    off: 'portalConfigSkillOff',
  },
};

/**
 * Settings > Configurations: the live-help switches agents' consoles follow, Allow Session
 * Transfer and Enable Agent to Skill Transfer (which only matters while transfer is allowed: it is
 * disabled, and says so, while transfer is off). Each switch saves when it is turned (`PUT
 * /v1/admin/config`, recorded in the audit log); the page says what changed and shows the
 * switches as the server answered. A supervisor sees them read-only (the server refuses the
 * change too).
 *
 * Set `session` (an `AccountSession`); `<nexus-portal>` does, for the `configurations` route.
 *
 * @summary The portal's Configurations page: the session transfer switches.
 * @tag nexus-portal-config
 *
 * @csspart config-page - The page.
 * @csspart read-only - Says that only an administrator can change the switches.
 * @csspart switch - A switch (`<input type="checkbox" role="switch">`); also `allow-transfer-switch` or `skill-transfer-switch`.
 * @csspart skill-transfer-note - That Enable Agent to Skill Transfer waits for Allow Session Transfer (while that is off).
 * @csspart updated - When the switches last changed.
 * @csspart notice - What the last change did (`role="status"`).
 * @csspart action-error - Why the last change failed (`role="alert"`).
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - A change or the load failed (the page says it too).
 */
export class NexusPortalConfig extends PortalAdminPage {
  static override styles = [
    ...PortalAdminPage.styles,
    css`
      @layer nexus {
        .switch {
          display: grid;
          grid-template-columns: auto 1fr;
          gap: var(--_nexus-space-x-small) var(--_nexus-space-small);
          align-items: start;
        }
        .switch input {
          inline-size: 1.25rem;
          block-size: 1.25rem;
          margin: 0.125rem 0 0;
        }
        .switch p {
          grid-column: 2;
          margin: 0;
        }
      }
    `,
  ];

  private readonly config = this.adminLoader<TenantConfigInfo>((admin) => admin.config.get());

  private get isAdmin(): boolean {
    return this.session?.account.role === 'admin';
  }

  private async turn(name: Switch, on: boolean) {
    // One change at a time; the switch keeps the focus meanwhile (a disabled one would lose it).
    if (this.busy) return this.requestUpdate();
    const answer = await this.act(
      () => this.admin.config.update({ [name]: on }),
      (config) => this.t(config[name] ? SWITCHES[name].on : SWITCHES[name].off),
    );
    // The switches show the server's answer; after a failure, what they were.
    if (answer) this.config.value = answer;
    this.requestUpdate();
  }

  private renderSwitch(name: Switch, config: TenantConfigInfo, disabled: boolean, note?: string): TemplateResult {
    const id = name === 'allowSessionTransfer' ? 'allow-transfer' : 'skill-transfer';
    const { label, hint } = SWITCHES[name];
    return html`<div class="switch">
      <input
        part="switch ${id}-switch"
        id=${id}
        type="checkbox"
        role="switch"
        .checked=${live(config[name])}
        ?disabled=${disabled}
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-describedby="${id}-hint${note ? ` ${id}-note` : ''}"
        @change=${(event: Event) => this.turn(name, (event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${this.t(label)}</label>
      <p id="${id}-hint" class="muted">${this.t(hint)}</p>
      ${note ? html`<p id="${id}-note" part="${id}-note">${note}</p>` : nothing}
    </div>`;
  }

  private renderSwitches(config: TenantConfigInfo): TemplateResult {
    const readOnly = !this.isAdmin;
    const skillNote = config.allowSessionTransfer ? undefined : this.t('portalConfigSkillNeedsTransfer');
    return html`<div class="form">
      ${readOnly ? html`<p part="read-only" class="muted">${this.t('portalConfigReadOnly')}</p>` : nothing}
      ${this.renderSwitch('allowSessionTransfer', config, readOnly)}
      ${this.renderSwitch('agentToSkillTransfer', config, readOnly || !config.allowSessionTransfer, skillNote)}
      <p part="updated" class="muted">
        ${config.updatedAt === null
          ? this.t('portalConfigDefaults')
          : this.t('portalConfigUpdated', {
              time: new Intl.DateTimeFormat(this.localize.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(config.updatedAt),
            })}
      </p>
    </div>`;
  }

  protected override render(): unknown {
    if (!this.session) return nothing;
    return this.renderPage(
      'config-page',
      this.t('portalPageConfigurations'),
      html`<p class="muted">${this.t('portalConfigIntro')}</p>
        ${this.renderLoaded(this.config, (config) => this.renderSwitches(config))}`,
    );
  }
}

define('nexus-portal-config', NexusPortalConfig);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-config': NexusPortalConfig;
  }
}
