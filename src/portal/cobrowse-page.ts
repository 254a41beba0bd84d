import { html, nothing } from 'lit';
import '../components/cobrowse-player/cobrowse-player.js';
import { clock } from '../components/cobrowse-player/cobrowse-player.js';
import { state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import type { CobrowseRecording, CobrowseRecordingSummary } from '../protocol/cobrowse.js';
import type { CobrowseSettings } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';
import { changedFields, checkDraft, focusProblem, isProblem, readDraft, renderSettingsForm, type FieldProblem } from './cobrowse-settings-form.js';
import { cobrowsePageStyles } from './cobrowse-page.styles.js';
import './data-table.js';
import type { NexusDataTable, TableColumn } from './data-table.js';

/**
 * Settings > Co-browse: what the customer's recorder keeps out of every co-browse (block and mask
 * selectors, one per line, each checked as CSS before saving), whether co-browse is recorded, and
 * the remote support client's download URL; and the tenant's stored recordings, played in the
 * page with `<nexus-cobrowse-player>` (rrweb's replayer in a sandboxed frame: the recorded page
 * never runs). Admins change the settings; supervisors read them and play recordings.
 *
 * @summary The portal's Settings > Co-browse page: co-browse settings and recordings playback.
 * @tag nexus-portal-cobrowse
 *
 * @csspart page - The page.
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 * @csspart settings - The settings form.
 * @csspart read-only - Says a supervisor may not change the settings.
 * @csspart block-input - The block selectors, one per line.
 * @csspart mask-input - The mask selectors, one per line.
 * @csspart recording-input - Record co-browse (a checkbox).
 * @csspart url-input - The remote support client's URL.
 * @csspart field-error - Why the form was refused, naming the field and line (`role="alert"`).
 * @csspart save-button - Saves the settings.
 * @csspart reset-button - Resets the settings to the defaults (after a confirm).
 * @csspart recordings - The recordings table (`<nexus-data-table>`).
 * @csspart play-button - A recording's Play button (in the table, exported from it).
 * @csspart playback - The recording being played: its heading, player and Close button.
 * @csspart player - The `<nexus-cobrowse-player>`.
 * @csspart close-button - Closes the playback.
 * @csspart confirm - The confirm dialog; its parts are exported as `confirm-*`.
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended (`<nexus-portal>` signs out).
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalCobrowse extends PortalAdminPage {
  static override styles = [...PortalAdminPage.styles, cobrowsePageStyles];

  /** Why the form was last refused before sending, naming the field (and line). */
  @state() private problem?: FieldProblem;
  /** The recording being played, and the id of the one loading. */
  @state() private playing?: CobrowseRecording;
  @state() private opening?: string;

  /** The settings, loaded again when the session changes. */
  private readonly settings = this.adminLoader<CobrowseSettings>((admin) => admin.cobrowse.get());

  private get readOnly(): boolean {
    return this.session?.account.role !== 'admin';
  }

  private get table(): NexusDataTable | null {
    return this.renderRoot.querySelector('nexus-data-table');
  }

  /** The table's rows: the newest 200 recordings (its error state says a failure; a 401 ends the session). */
  private readonly loadRecordings = () => this.loading(this.admin.cobrowse.recordings({ limit: 200 }));

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const before = this.settings.value;
    if (!before) return;
    const change = checkDraft(this.t.bind(this), readDraft(form));
    this.problem = isProblem(change) ? change : undefined;
    if (isProblem(change)) {
      await this.updateComplete;
      focusProblem(form, change);
      return;
    }
    const saved = await this.act(
      () => this.admin.cobrowse.update(change),
      (after) => {
        const changed = changedFields(this.t.bind(this), before, after);
        return changed.length ? this.t('portalCobrowseSaved', { changes: changed.join(', ') }) : this.t('portalCobrowseUnchanged');
      },
    );
    if (saved) this.show(saved);
  }

  /** Shows the settings the server answered (the form's fields follow). */
  private show(settings: CobrowseSettings) {
    this.settings.value = settings;
    this.requestUpdate();
  }

  private async reset(trigger: HTMLElement) {
    const tenant = this.session?.account.tenantId ?? '';
    const confirmed = await this.confirm({
      heading: this.t('portalCobrowseResetHeading'),
      target: this.t('portalCobrowseResetTarget', { tenant }),
      message: this.t('portalCobrowseResetMessage'),
      confirmLabel: this.t('portalCobrowseReset'),
    });
    if (confirmed) {
      const reset = await this.act(
        () => this.admin.cobrowse.reset(),
        () => this.t('portalCobrowseResetDone'),
      );
      if (reset) {
        this.problem = undefined;
        this.show(reset);
      }
    }
    await this.updateComplete;
    trigger.focus();
  }

  private async open(id: string) {
    this.opening = id;
    const recording = await this.act(
      () => this.admin.cobrowse.recording(id),
      () => '',
    );
    this.opening = undefined;
    if (!recording) return;
    this.playing = recording;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#playback-heading')?.focus();
  }

  private async close() {
    const id = this.playing?.recording.id;
    this.playing = undefined;
    await this.updateComplete;
    this.table?.shadowRoot?.querySelector<HTMLElement>(`[part~="play-button"][data-id="${CSS.escape(id ?? '')}"]`)?.focus();
  }

  private columns(): TableColumn<CobrowseRecordingSummary>[] {
    return [
      { key: 'startedAt', label: this.t('portalCobrowseStarted'), cell: (r) => this.localize.time(r.startedAt) },
      { key: 'sessionId', label: this.t('portalCobrowseSession') },
      { key: 'agent', label: this.t('portalCobrowseAgent'), cell: (r) => r.agent.name },
      { key: 'duration', label: this.t('portalCobrowseDuration'), cell: (r) => this.durationText(r) },
      { key: 'chars', label: this.t('portalCobrowseSize'), cell: (r) => this.localize.size(r.chars) },
      {
        key: 'play',
        label: this.t('portalCobrowsePlayColumn'),
        cell: (r) =>
          html`<button
            part="play-button"
            class="button"
            type="button"
            data-id=${r.id}
            ?disabled=${this.opening !== undefined}
            aria-label=${this.t('portalCobrowsePlayLabel', { session: r.sessionId, started: this.localize.time(r.startedAt) })}
            @click=${() => void this.open(r.id)}
          >
            ${this.opening === r.id ? this.t('loading') : this.t('portalCobrowsePlay')}
          </button>`,
      },
    ];
  }

  private durationText(r: CobrowseRecordingSummary): string {
    if (r.endedAt === null) return this.t('portalCobrowseInProgress');
    const length = clock(r.endedAt - r.startedAt);
    return r.truncated ? this.t('portalCobrowseTruncated', { duration: length }) : length;
  }

  private renderRecordings(settings: CobrowseSettings) {
    const recording = this.playing;
    return html`<section class="recordings" aria-labelledby="recordings-heading">
      <h2 id="recordings-heading">${this.t('portalCobrowseRecordingsHeading')}</h2>
      <nexus-data-table
        part="recordings"
        exportparts="play-button"
        label=${this.t('portalCobrowseRecordingsHeading')}
        .columns=${this.columns() as TableColumn<object>[]}
        .loader=${this.loadRecordings}
        empty-text=${this.t(settings.recording ? 'portalCobrowseNoRecordingsOn' : 'portalCobrowseNoRecordingsOff')}
        @nexus-table-row-activate=${(event: CustomEvent<{ key: string }>) => void this.open(event.detail.key)}
      ></nexus-data-table>
      ${recording
        ? html`<section part="playback" class="playback" aria-labelledby="playback-heading">
            <h2 id="playback-heading" tabindex="-1">
              ${this.t('portalCobrowsePlaybackHeading', { session: recording.recording.sessionId, started: this.localize.time(recording.recording.startedAt) })}
            </h2>
            <nexus-cobrowse-player
              part="player"
              .recording=${recording}
              label=${this.t('portalCobrowsePlaybackLabel', { agent: recording.recording.agent.name })}
            ></nexus-cobrowse-player>
            <button part="close-button" class="button" type="button" @click=${() => void this.close()}>${this.t('portalCobrowseClose')}</button>
          </section>`
        : nothing}
    </section>`;
  }

  protected override render(): unknown {
    return this.renderPage(
      'page',
      this.t('portalPageCobrowse'),
      this.renderLoaded(this.settings, (settings) =>
        settings
          ? html`${renderSettingsForm(
              this.t.bind(this),
              settings,
              { readOnly: this.readOnly, busy: this.busy, problem: this.problem },
              { save: (event) => void this.save(event), reset: () => void this.reset(this.resetButton()) },
            )}
            ${this.renderRecordings(settings)}`
          : nothing,
      ),
    );
  }

  private resetButton(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('[part~="reset-button"]')!;
  }

  /** Loads the recordings again (a new one was stored). */
  async reloadRecordings(): Promise<void> {
    await this.updateComplete;
    await this.table?.reload();
  }
}

define('nexus-portal-cobrowse', NexusPortalCobrowse);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-cobrowse': NexusPortalCobrowse;
  }
}
