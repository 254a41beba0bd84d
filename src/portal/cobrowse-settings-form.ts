import { html, nothing, type TemplateResult } from 'lit';
import { COBROWSE_SETTINGS_LIMITS } from '../protocol/api.js';
import type { CobrowseSettings, CobrowseSettingsUpdate } from '../protocol/schemas.js';
import type { Translate } from './error-text.js';

// The co-browse settings form of <nexus-portal-cobrowse>: its fields, and the checks made before
// saving (each selector must parse as CSS in this browser, and keep to the server's shape rules).

/** The settings' form fields, by part (`<name>-input`). */
export type SettingsField = 'block' | 'mask' | 'url' | 'recording';

/** A value the form refuses: the field, the line (1-based) of a selector list, and why. */
export interface FieldProblem {
  field: SettingsField;
  line?: number;
  message: string;
}

/** The form as typed: the selector lists one per line. */
export interface SettingsDraft {
  block: string;
  mask: string;
  url: string;
  recording: boolean;
}

/** Whether `selector` parses as CSS here (the recorder in the customer's browser parses it the same way). */
export function parsesAsCss(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/**
 * The selectors of a list field (one per line, blank lines skipped, trimmed), or the first
 * problem: a line that is not CSS, too long, or holds a control character; too many lines.
 */
function selectorsOf(t: Translate, field: 'block' | 'mask', text: string): string[] | FieldProblem {
  const label = t(field === 'block' ? 'portalCobrowseBlockLabel' : 'portalCobrowseMaskLabel');
  const list: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const selector = lines[i].trim();
    if (!selector) continue;
    const at = { field, line: i + 1 };
    // eslint-disable-next-line no-control-regex -- the server refuses control characters too
    if (selector.length > COBROWSE_SETTINGS_LIMITS.maxSelectorLength || /[\u0000-\u001f\u007f]/.test(selector) || !parsesAsCss(selector)) {
      const why = selector.length > COBROWSE_SETTINGS_LIMITS.maxSelectorLength ? 'portalCobrowseSelectorTooLong' : 'portalCobrowseSelectorInvalid';
      return { ...at, message: t(why, { line: i + 1, field: label, selector: selector.slice(0, 80), max: COBROWSE_SETTINGS_LIMITS.maxSelectorLength }) };
    }
    if (!list.includes(selector)) list.push(selector);
  }
  if (list.length > COBROWSE_SETTINGS_LIMITS.maxSelectors) {
    return { field, message: t('portalCobrowseTooManySelectors', { field: label, max: COBROWSE_SETTINGS_LIMITS.maxSelectors }) };
  }
  return list;
}

/** The URL as the server takes it (https, or http on localhost), or the problem. */
function urlOf(t: Translate, text: string): string | null | FieldProblem {
  const value = text.trim();
  if (!value) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const local = url && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || value.length > COBROWSE_SETTINGS_LIMITS.maxUrlLength || !(url.protocol === 'https:' || (local && url.protocol === 'http:'))) {
    return { field: 'url', message: t('portalCobrowseUrlInvalid') };
  }
  return value;
}

/** Whether a check answered a problem. */
export const isProblem = (value: unknown): value is FieldProblem => typeof value === 'object' && value !== null && 'field' in value;

/** The change to send for a draft, or the first problem. */
export function checkDraft(t: Translate, draft: SettingsDraft): CobrowseSettingsUpdate | FieldProblem {
  const blockSelectors = selectorsOf(t, 'block', draft.block);
  if (isProblem(blockSelectors)) return blockSelectors;
  const maskTextSelectors = selectorsOf(t, 'mask', draft.mask);
  if (isProblem(maskTextSelectors)) return maskTextSelectors;
  const remoteClientUrl = urlOf(t, draft.url);
  if (isProblem(remoteClientUrl)) return remoteClientUrl;
  return { blockSelectors, maskTextSelectors, remoteClientUrl, recording: draft.recording };
}

/** What a save changed, in words ("block selectors, recording"); empty when nothing did. */
export function changedFields(t: Translate, before: CobrowseSettings, after: CobrowseSettings): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const changed: string[] = [];
  if (!same(before.blockSelectors, after.blockSelectors)) changed.push(t('portalCobrowseBlockLabel'));
  if (!same(before.maskTextSelectors, after.maskTextSelectors)) changed.push(t('portalCobrowseMaskLabel'));
  if (before.remoteClientUrl !== after.remoteClientUrl) changed.push(t('portalCobrowseUrlLabel'));
  if (before.recording !== after.recording) changed.push(t(after.recording ? 'portalCobrowseRecordingOn' : 'portalCobrowseRecordingOff'));
  return changed;
}

/** What the form shows besides the settings: whether it may change them, is busy, and its problem. */
export interface SettingsFormStatus {
  readOnly: boolean;
  busy: boolean;
  problem?: FieldProblem;
}

export interface SettingsFormHandlers {
  save(event: SubmitEvent): void;
  reset(): void;
}

/** A labelled field with its hint, described by the problem when it is this field's. */
function described(name: SettingsField, status: SettingsFormStatus): string {
  return [`${name}-hint`, status.problem?.field === name ? 'settings-problem' : ''].filter(Boolean).join(' ');
}

/** The settings form; read-only (the fields disabled, no buttons) for a supervisor. */
export function renderSettingsForm(t: Translate, settings: CobrowseSettings, status: SettingsFormStatus, on: SettingsFormHandlers): TemplateResult {
  const invalid = (name: SettingsField) => (status.problem?.field === name ? 'true' : 'false');
  const list = (name: 'block' | 'mask', label: string, hint: string, value: string[]) =>
    html`<label for="${name}-input">${label}</label>
      <textarea
        part="${name}-input"
        id="${name}-input"
        name=${name}
        rows="4"
        spellcheck="false"
        .value=${value.join('\n')}
        ?readonly=${status.readOnly}
        aria-describedby=${described(name, status)}
        aria-invalid=${invalid(name)}
      ></textarea>
      <p id="${name}-hint" class="muted">${hint}</p>`;
  return html`<form part="settings" class="form settings" novalidate aria-labelledby="settings-heading" @submit=${on.save}>
    <h2 id="settings-heading">${t('portalCobrowseSettingsHeading')}</h2>
    ${status.readOnly ? html`<p part="read-only" class="muted">${t('portalCobrowseReadOnly')}</p>` : nothing}
    ${list('block', t('portalCobrowseBlockLabel'), t('portalCobrowseBlockHint'), settings.blockSelectors)}
    ${list('mask', t('portalCobrowseMaskLabel'), t('portalCobrowseMaskHint'), settings.maskTextSelectors)}
    <label class="check">
      <input
        part="recording-input"
        id="recording-input"
        name="recording"
        type="checkbox"
        .checked=${settings.recording}
        ?disabled=${status.readOnly}
        aria-describedby="recording-hint"
      />
      ${t('portalCobrowseRecordingLabel')}
    </label>
    <p id="recording-hint" class="muted">${t('portalCobrowseRecordingHint')}</p>
    <label for="url-input">${t('portalCobrowseUrlLabel')}</label>
    <input
      part="url-input"
      id="url-input"
      name="url"
      type="url"
      spellcheck="false"
      .value=${settings.remoteClientUrl ?? ''}
      ?readonly=${status.readOnly}
      aria-describedby=${described('url', status)}
      aria-invalid=${invalid('url')}
    />
    <p id="url-hint" class="muted">${t('portalCobrowseUrlHint')}</p>
    ${status.problem ? html`<p part="field-error" id="settings-problem" class="form-error" role="alert">${status.problem.message}</p>` : nothing}
    ${status.readOnly
      ? nothing
      : html`<div class="buttons">
          <button part="save-button" class="button primary" type="submit" ?disabled=${status.busy} aria-busy=${status.busy ? 'true' : 'false'}>
            ${status.busy ? t('portalWorking') : t('portalCobrowseSave')}
          </button>
          <button part="reset-button" class="button" type="button" ?disabled=${status.busy} @click=${on.reset}>${t('portalCobrowseReset')}</button>
        </div>`}
  </form>`;
}

/** The draft in a settings form, as typed. */
export function readDraft(form: HTMLFormElement): SettingsDraft {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value;
  return { block: value('block'), mask: value('mask'), url: value('url'), recording: (form.elements.namedItem('recording') as HTMLInputElement).checked };
}

/** Focuses a problem's field; in a selector list, selects the line it names. */
export function focusProblem(form: HTMLFormElement, problem: FieldProblem): void {
  const field = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${problem.field}-input`);
  if (!field) return;
  field.focus();
  if (problem.line && field instanceof HTMLTextAreaElement) {
    const lines = field.value.split('\n');
    const start = lines.slice(0, problem.line - 1).reduce((n, line) => n + line.length + 1, 0);
    field.setSelectionRange(start, start + lines[problem.line - 1].length);
  }
}
