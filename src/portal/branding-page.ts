import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { loadLocale } from '../components/shared/localize.js';
import { loadingState } from '../components/shared/states.js';
import '../components/self-help/self-help.js';
import { formatSize, type StringKey, type Strings } from '../i18n/strings.js';
import type { ThemeKind } from '../protocol/admin.js';
import type { BrandingUpdate, PortalBranding } from '../protocol/schemas.js';
import { PortalAdminPage } from './admin-page.js';
import { localeLang, renderStrings, type BrandingLocale } from './branding-strings.js';

/** Largest theme file the server takes (server/theme-files.ts THEME_FILE_LIMITS.maxBytes). */
export const THEME_FILE_MAX_BYTES = 256 * 1024;

/** The theme fields and what each kind's buttons are called. */
const THEMES = [
  { kind: 'theme', field: 'themeUrl', label: 'portalBrandingThemeUrl', upload: 'portalBrandingUpload', download: 'portalBrandingDownload', reset: 'portalBrandingReset', change: 'portalBrandingChangeTheme' },
  { kind: 'step-content', field: 'stepContentThemeUrl', label: 'portalBrandingStepThemeUrl', upload: 'portalBrandingUploadStep', download: 'portalBrandingDownloadStep', reset: 'portalBrandingResetStep', change: 'portalBrandingChangeStep' },
] as const satisfies readonly { kind: ThemeKind; field: 'themeUrl' | 'stepContentThemeUrl'; [label: string]: string }[];

type Theme = (typeof THEMES)[number];

/** What the form holds that may differ from the saved branding. */
interface Draft {
  themeUrl: string;
  stepContentThemeUrl: string;
  applyOnMobile: boolean;
}

const draftOf = (b: PortalBranding): Draft => ({ themeUrl: b.themeUrl ?? '', stepContentThemeUrl: b.stepContentThemeUrl ?? '', applyOnMobile: b.applyOnMobile });

/**
 * Settings > Self-Support Branding (route `branding`): the theme and step content theme URLs,
 * with Upload / Download Theme file and Reset to default (hosted theme files, served by the
 * server as CSS that cannot run script); "Enable theme in mobile applications"; Update, which
 * saves them with the string overrides typed, and says what changed. Strings Customization lists
 * every customer-facing catalogue key with its default in the chosen locale (`*`: all locales), a
 * filter, "customized" marks, Reset to default per key, and the server's placeholder warnings
 * next to their field. A live preview, a real `<nexus-self-help>` on a 15-minute preview token,
 * shows the unsaved theme URL and strings before Update. A supervisor reads (and downloads); only
 * an admin changes, and gets the preview.
 *
 * @summary Settings > Self-Support Branding: theme files, strings customization and a live preview.
 * @tag nexus-portal-branding
 *
 * @csspart branding-page - The page.
 * @csspart theme - The theme section; `theme-url-input`, `step-content-theme-url-input` its fields.
 * @csspart upload-input - A file input of Upload Theme file (one per theme, `upload-theme-input` / `upload-step-content-input` too).
 * @csspart download-button - Download Theme file (`download-theme-button` / `download-step-content-button` too).
 * @csspart reset-button - Reset to default of a theme (`reset-theme-button` / `reset-step-content-button` too).
 * @csspart mobile-switch - Enable theme in mobile applications.
 * @csspart update-button - Update.
 * @csspart warnings - The server's warnings about the last Update (each also next to its field).
 * @csspart strings - Strings Customization; `locale-select`, `filter-input`, `strings-count`, `string-list`.
 * @csspart string-row - One key; `string-input`, `customized`, `string-reset-button`, `string-warning` in it.
 * @csspart preview - The live preview (a `<nexus-self-help>`, part `preview-self-help`).
 * @csspart notice - What the last action changed (`role="status"`).
 * @csspart action-error - Why the last action failed (`role="alert"`).
 *
 * @fires nexus-portal-session-ended - The server answered 401: the session ended.
 * @fires nexus-error - An action or a load failed (the page says it too).
 */
export class NexusPortalBranding extends PortalAdminPage {
  static override styles = [
    ...PortalAdminPage.styles,
    css`
      @layer nexus {
        .wide {
          width: min(48rem, 100%);
        }
        .actions,
        .controls {
          display: flex;
          flex-wrap: wrap;
          gap: var(--_nexus-space-small);
          align-items: center;
        }
        .string-list {
          list-style: none;
          margin: 0;
          padding: 0;
          display: grid;
          gap: var(--_nexus-space-medium);
        }
        .string-row {
          display: grid;
          gap: var(--_nexus-space-x-small);
        }
        .string-row p {
          margin: 0;
        }
        .badge {
          justify-self: start;
          font-size: var(--_nexus-font-size-small);
          border: 1px solid var(--_nexus-color-primary);
          border-radius: var(--_nexus-radius-small);
          padding: 0 var(--_nexus-space-x-small);
        }
        .preview {
          border: 1px dashed var(--_nexus-color-border);
          padding: var(--_nexus-space-medium);
        }
      }
    `,
  ];

  @state() private draft?: Draft;
  @state() private locale: BrandingLocale = '*';
  @state() private filter = '';
  /** Override fields typed and not saved, by locale then key. */
  @state() private edits = new Map<BrandingLocale, Map<string, string>>();
  @state() private warnings: string[] = [];
  @state() private previewToken?: string;

  private readonly branding = this.adminLoader(
    (admin) => admin.branding.get(),
    (branding) => {
      this.draft = draftOf(branding);
      if (this.isAdmin) void this.loadPreviewToken();
    },
  );

  private get isAdmin(): boolean {
    return this.session?.account.role === 'admin';
  }

  private async loadPreviewToken() {
    try {
      this.previewToken = (await this.admin.branding.previewToken()).jwt;
    } catch (error) {
      this.failed(error);
    }
  }

  /** Shows a branding the server answered: fields, and the saved overrides (the edits stay). */
  private show(branding: PortalBranding, draft = draftOf(branding)) {
    this.branding.value = branding;
    this.draft = draft;
  }

  private editsOf(locale: BrandingLocale): Map<string, string> {
    return this.edits.get(locale) ?? new Map();
  }

  /** The overrides the typed fields make, of a locale: changed from the saved text (an emptied field: none). */
  private pendingStrings(locale: BrandingLocale): { set: Record<string, string>; unset: string[] } {
    const saved = this.branding.value?.strings[locale] ?? {};
    const set: Record<string, string> = {};
    const unset: string[] = [];
    for (const [key, value] of this.editsOf(locale)) {
      if (value.trim() === '') {
        if (saved[key] !== undefined) unset.push(key);
      } else if (value !== saved[key]) set[key] = value;
    }
    return { set, unset };
  }

  private edit = (key: StringKey, value: string) => {
    const edits = new Map(this.edits);
    edits.set(this.locale, new Map(this.editsOf(this.locale)).set(key, value));
    this.edits = edits;
  };

  private setLocale = (locale: BrandingLocale) => {
    this.locale = locale;
    void loadLocale(localeLang(locale)).then(() => this.requestUpdate());
  };

  /** Update: the fields and every locale's typed overrides, in one change; says what changed and shows warnings. */
  private save = async () => {
    const before = this.branding.value;
    const draft = this.draft;
    if (!before || !draft) return;
    const change: BrandingUpdate = {};
    const changed: string[] = [];
    for (const theme of THEMES) {
      if (draft[theme.field] !== (before[theme.field] ?? '')) {
        change[theme.field] = draft[theme.field].trim() || null;
        changed.push(this.t(theme.change));
      }
    }
    if (draft.applyOnMobile !== before.applyOnMobile) {
      change.applyOnMobile = draft.applyOnMobile;
      changed.push(this.t('portalBrandingChangeMobile'));
    }
    let strings = 0;
    for (const locale of this.edits.keys()) {
      const { set, unset } = this.pendingStrings(locale);
      if (Object.keys(set).length) (change.setStrings ??= {})[locale] = set;
      if (unset.length) (change.unsetStrings ??= {})[locale] = unset;
      strings += Object.keys(set).length + unset.length;
    }
    if (strings) changed.push(this.count('portalBrandingChangeStrings', 'portalBrandingChangeStringsOne', strings));
    if (!changed.length) {
      this.notice = this.t('portalBrandingUnchanged');
      return;
    }
    const result = await this.act(
      () => this.admin.branding.update(change),
      () => this.t('portalBrandingUpdated', { changes: changed.join(', ') }),
    );
    if (!result) return;
    this.warnings = result.warnings;
    this.edits = new Map();
    this.show(result.branding);
  };

  /** Reset to default of one key: removes the override at once (`unsetStrings`). */
  private resetString = async (key: StringKey) => {
    const locale = this.locale;
    const result = await this.act(
      () => this.admin.branding.update({ unsetStrings: { [locale]: [key] } }),
      () => this.t('portalBrandingStringReset', { key }),
    );
    if (!result) return;
    const edits = new Map(this.edits);
    const mine = new Map(this.editsOf(locale));
    mine.delete(key);
    edits.set(locale, mine);
    this.edits = edits;
    this.warnings = this.warnings.filter((warning) => !warning.startsWith(`${key} (${locale}) `));
    this.show(result.branding, this.draft);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#string-${key}`)?.focus();
  };

  /** Upload Theme file: checked here (a .css of at most 256 KB), then hosted; the URL field takes its address. */
  private async upload(theme: Theme, input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.notice = undefined;
    const size = formatSize(THEME_FILE_MAX_BYTES, this.localize.lang);
    if (!/\.css$/i.test(file.name) || (file.type !== '' && file.type !== 'text/css')) {
      this.actionError = this.t('portalBrandingNotCss', { name: file.name });
      return;
    }
    if (file.size > THEME_FILE_MAX_BYTES) {
      this.actionError = this.t('portalBrandingTooBig', { name: file.name, size });
      return;
    }
    const css = await file.text();
    const result = await this.act(() => this.admin.branding.uploadTheme(theme.kind, css), () => this.t('portalBrandingUploaded', { name: file.name }));
    if (!result) return;
    this.show(result.branding, { ...this.draft!, [theme.field]: result.file.url });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${theme.kind}-url`)?.focus();
  }

  /** Download Theme file: the hosted CSS, saved by the browser under the theme's name. */
  private async download(theme: Theme) {
    const name = theme.kind === 'theme' ? 'theme.css' : 'step-content-theme.css';
    const css = await this.act(() => this.admin.branding.downloadTheme(theme.kind), () => this.t('portalBrandingDownloaded', { name }));
    if (css === undefined) return;
    const url = URL.createObjectURL(new Blob([css], { type: 'text/css' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Reset to default of a theme, once confirmed: the hosted file and the URL go. */
  private async resetTheme(theme: Theme, button: HTMLElement) {
    const target = this.draft?.[theme.field] || this.t(theme.label);
    const confirmed = await this.confirm({
      heading: this.t('portalBrandingResetConfirm'),
      target,
      message: this.t('portalBrandingResetWhat'),
      confirmLabel: this.t(theme.reset),
    });
    if (!confirmed) return;
    const branding = await this.act(() => this.admin.branding.resetTheme(theme.kind), () => this.t('portalBrandingThemeReset', { what: this.t(theme.reset) }));
    if (!branding) return button.focus();
    this.show(branding, { ...this.draft!, [theme.field]: '' });
    // The button is gone with the URL: the focus goes to the field it emptied.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${theme.kind}-url`)?.focus();
  }

  private setDraft(change: Partial<Draft>) {
    this.draft = { ...this.draft!, ...change };
  }

  private renderTheme(theme: Theme): TemplateResult {
    const readOnly = !this.isAdmin;
    const id = `${theme.kind}-url`;
    const hosted = Boolean(this.branding.value?.[theme.field]?.includes('/v1/themes/'));
    return html`<label for=${id}>${this.t(theme.label)}</label>
      <input
        part="${theme.kind === 'theme' ? 'theme' : 'step-content-theme'}-url-input"
        id=${id}
        type="url"
        .value=${this.draft![theme.field]}
        ?readonly=${readOnly}
        aria-describedby="url-hint"
        @input=${(e: Event) => this.setDraft({ [theme.field]: (e.target as HTMLInputElement).value })}
      />
      <div class="actions">
        ${readOnly
          ? nothing
          : html`<label for="upload-${theme.kind}">${this.t(theme.upload)}</label>
              <input
                part="upload-input upload-${theme.kind}-input"
                id="upload-${theme.kind}"
                type="file"
                accept=".css,text/css"
                aria-describedby="upload-hint"
                ?disabled=${this.busy}
                @change=${(e: Event) => void this.upload(theme, e.target as HTMLInputElement)}
              />`}
        ${hosted
          ? html`<button part="download-button download-${theme.kind}-button" class="button" type="button" ?disabled=${this.busy} @click=${() => void this.download(theme)}>
              ${this.t(theme.download)}
            </button>`
          : nothing}
        ${readOnly || !this.branding.value?.[theme.field]
          ? nothing
          : html`<button
              part="reset-button reset-${theme.kind}-button"
              class="button danger"
              type="button"
              ?disabled=${this.busy}
              @click=${(e: Event) => void this.resetTheme(theme, e.currentTarget as HTMLElement)}
            >
              ${this.t(theme.reset)}
            </button>`}
      </div>`;
  }

  /** What the preview shows of the typed overrides: every locale's (`*`) and the chosen one's. */
  private previewStrings(): Strings {
    const strings: Record<string, string> = {};
    for (const locale of ['*', this.locale] as const) {
      for (const [key, value] of this.editsOf(locale)) if (value.trim()) strings[key] = value;
    }
    return strings as Strings;
  }

  private renderPreview(): TemplateResult {
    if (!this.isAdmin) return html`<p class="muted">${this.t('portalBrandingPreviewAdminOnly')}</p>`;
    return html`<p class="muted">${this.t('portalBrandingPreviewHint')}</p>
      ${this.previewToken && this.session
        ? html`<nexus-self-help
            part="preview-self-help"
            server=${this.session.server}
            token=${this.previewToken}
            theme-url=${ifDefined(this.draft?.themeUrl.trim() || undefined)}
            lang=${localeLang(this.locale)}
            heading-level="3"
            .strings=${this.previewStrings()}
          ></nexus-self-help>`
        : loadingState(this.t('loading'))}`;
  }

  private renderBody(): TemplateResult {
    const readOnly = !this.isAdmin;
    const draft = this.draft!;
    return html`${readOnly ? html`<p part="read-only" class="muted">${this.t('portalBrandingReadOnly')}</p>` : nothing}
      <section part="theme" class="form wide" aria-labelledby="theme-heading">
        <h2 id="theme-heading">${this.t('portalBrandingThemeHeading')}</h2>
        <p id="url-hint" class="muted">${this.t('portalBrandingUrlHint')}</p>
        <p id="upload-hint" class="muted">${this.t('portalBrandingUploadHint', { size: formatSize(THEME_FILE_MAX_BYTES, this.localize.lang) })}</p>
        ${THEMES.map((theme) => this.renderTheme(theme))}
        <label>
          <input
            part="mobile-switch"
            type="checkbox"
            role="switch"
            .checked=${draft.applyOnMobile}
            ?disabled=${readOnly}
            @change=${(e: Event) => this.setDraft({ applyOnMobile: (e.target as HTMLInputElement).checked })}
          />
          ${this.t('portalBrandingMobile')}
        </label>
      </section>
      ${renderStrings(this.t.bind(this), {
        locale: this.locale,
        filter: this.filter,
        saved: this.branding.value?.strings[this.locale] ?? {},
        edits: this.editsOf(this.locale),
        warnings: this.warnings,
        readOnly,
        busy: this.busy,
        lang: this.localize.lang,
        setLocale: this.setLocale,
        setFilter: (filter) => (this.filter = filter),
        edit: this.edit,
        reset: (key) => void this.resetString(key),
      })}
      ${readOnly
        ? nothing
        : html`<div class="actions">
            <button part="update-button" class="button primary" type="button" ?disabled=${this.busy} @click=${this.save}>${this.t('portalBrandingUpdate')}</button>
          </div>
          ${this.warnings.length
            ? html`<ul part="warnings" class="inline-error">
                ${this.warnings.map((warning) => html`<li>${warning}</li>`)}
              </ul>`
            : nothing}`}
      <section part="preview" class="preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">${this.t('portalBrandingPreviewHeading')}</h2>
        ${this.renderPreview()}
      </section>`;
  }

  protected override render(): TemplateResult {
    return this.renderPage('branding-page', this.t('portalPageBranding'), this.renderLoaded(this.branding, () => (this.draft ? this.renderBody() : nothing)));
  }
}

define('nexus-portal-branding', NexusPortalBranding);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-portal-branding': NexusPortalBranding;
  }
}
