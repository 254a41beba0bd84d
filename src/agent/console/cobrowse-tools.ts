/**
 * The agent's tools on a live co-browse view in `<nexus-agent-console>`: the laser pointer, the
 * remote-control request (a second consent of the customer), and, once granted, clicks, wheel
 * scrolling and typing into the customer's fields. Pointer positions are mapped from the scaled
 * view to the customer's viewport; elements are named by the ids of the customer's recorder
 * (the replayer's mirror), so the customer's page finds them whatever its own layout.
 *
 * Inputs are throttled below the server's per-session limit (COBROWSE_LIMITS.inputsPerSecond).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AgentClient } from '../agent-client.js';
import type { StringKey } from '../../i18n/strings.js';
import type { CobrowseInfo, CobrowseInput } from '../../protocol/cobrowse.js';
import type { CobrowseViewer, PickedNode } from '../../components/cobrowse-player/cobrowse-replayer.js';

/** Least time between two laser moves or two scrolls sent (20 a second, under the server's 30). */
const INPUT_GAP_MS = 50;

/** What the tools need of the console. */
export interface ToolsHost {
  client(): AgentClient | undefined;
  /** The running viewer of the session and the customer's viewport size, if the view shows. */
  viewer(sessionId: string): { viewer: CobrowseViewer; size: { width: number; height: number } } | undefined;
  t(key: StringKey, values?: Record<string, string | number>): string;
  requestUpdate(): void;
  reportError(error: unknown): void;
}

export class CobrowseTools {
  /** The laser is on (the agent's pointer over the view shows on the customer's page). */
  laser = false;
  /** The customer's text field the agent clicked last (with control): typing goes there. */
  private field?: { sessionId: string; id: number };
  /** Why the last click was not sent (a `data-nexus-no-control` area). */
  private notice?: string;
  private lastMove = 0;
  private laserShown = false;
  private scroll?: { x: number; y: number; timer?: ReturnType<typeof setTimeout> };

  constructor(private readonly host: ToolsHost) {}

  /** Forget everything (the view closed or the session changed). */
  reset(): void {
    this.laser = false;
    this.laserShown = false;
    this.field = undefined;
    this.notice = undefined;
    clearTimeout(this.scroll?.timer);
    this.scroll = undefined;
  }

  private send(sessionId: string, input: CobrowseInput): void {
    try {
      this.host.client()?.sendCobrowseInput(sessionId, input);
    } catch (error) {
      this.host.reportError(error);
    }
  }

  /** The event's position in the customer's viewport, or null outside the replayed page. */
  private point(sessionId: string, event: MouseEvent): { x: number; y: number } | null {
    const current = this.host.viewer(sessionId);
    const frame = current?.viewer.frame;
    if (!current || !frame) return null;
    const rect = frame.getBoundingClientRect();
    if (!rect.width || !rect.height) return null;
    const x = ((event.clientX - rect.left) * current.size.width) / rect.width;
    const y = ((event.clientY - rect.top) * current.size.height) / rect.height;
    if (x < 0 || y < 0 || x > current.size.width || y > current.size.height) return null;
    return { x: Math.round(x), y: Math.round(y) };
  }

  private pick(sessionId: string, event: MouseEvent): PickedNode | null {
    const at = this.point(sessionId, event);
    return at ? (this.host.viewer(sessionId)?.viewer.pick(at.x, at.y) ?? null) : null;
  }

  private onMove(sessionId: string, event: PointerEvent) {
    if (!this.laser || event.timeStamp - this.lastMove < INPUT_GAP_MS) return;
    const at = this.point(sessionId, event);
    if (!at) return;
    this.lastMove = event.timeStamp;
    this.laserShown = true;
    this.send(sessionId, { kind: 'laser', ...at });
  }

  private onLeave(sessionId: string) {
    if (!this.laserShown) return;
    this.laserShown = false;
    this.send(sessionId, { kind: 'laser', x: null, y: null });
  }

  private onClick(sessionId: string, info: CobrowseInfo, event: MouseEvent) {
    const picked = this.pick(sessionId, event);
    if (!picked) return;
    if (info.control !== 'granted') {
      // Laser mode without control: a click points something out.
      this.send(sessionId, { kind: 'highlight', node: picked.id });
      return;
    }
    this.notice = picked.noControl ? this.host.t('agentCobrowseRefused') : undefined;
    if (!picked.noControl) this.send(sessionId, { kind: 'click', node: picked.id });
    this.field = picked.field && !picked.noControl ? { sessionId, id: picked.id } : undefined;
    this.host.requestUpdate();
  }

  /** Wheel scrolling of the customer's page, batched to one scroll per INPUT_GAP_MS. */
  private onWheel(sessionId: string, event: WheelEvent) {
    event.preventDefault();
    const page = this.host.viewer(sessionId)?.viewer.page();
    if (!page) return;
    this.scroll ??= { x: page.scrollX, y: page.scrollY };
    this.scroll.x = Math.max(0, this.scroll.x + event.deltaX);
    this.scroll.y = Math.max(0, this.scroll.y + event.deltaY);
    this.scroll.timer ??= setTimeout(() => {
      const { x, y } = this.scroll!;
      this.scroll = undefined;
      this.send(sessionId, { kind: 'scroll', node: page.id, x: Math.round(x), y: Math.round(y) });
    }, INPUT_GAP_MS);
  }

  private typeText(sessionId: string, form: HTMLFormElement) {
    const input = form.elements.namedItem('text') as HTMLInputElement | null;
    if (!this.field || this.field.sessionId !== sessionId || !input) return;
    this.send(sessionId, { kind: 'text', node: this.field.id, value: input.value });
    input.value = '';
  }

  private pressEnter(sessionId: string) {
    if (this.field?.sessionId === sessionId) this.send(sessionId, { kind: 'key', node: this.field.id, key: 'Enter' });
  }

  private toggleLaser(sessionId: string) {
    this.laser = !this.laser;
    if (!this.laser) this.onLeave(sessionId);
    this.host.requestUpdate();
  }

  private control(sessionId: string, ask: boolean) {
    try {
      if (ask) this.host.client()?.requestCobrowseControl(sessionId);
      else this.host.client()?.endCobrowseControl(sessionId);
    } catch (error) {
      this.host.reportError(error);
    }
  }

  /** The buttons of an active co-browse: laser, request or release control, and the control state. */
  renderBar(sessionId: string, info: CobrowseInfo): TemplateResult {
    const t = (key: StringKey) => this.host.t(key);
    return html`<button
        part="cobrowse-laser-button"
        class="button"
        type="button"
        aria-pressed=${this.laser ? 'true' : 'false'}
        @click=${() => this.toggleLaser(sessionId)}
      >
        ${t('agentCobrowseLaser')}
      </button>
      ${info.control === 'off'
        ? html`<button
            part="cobrowse-control-button"
            class="button"
            type="button"
            title=${t('agentCobrowseControlHint')}
            @click=${() => this.control(sessionId, true)}
          >
            ${t('agentCobrowseControl')}
          </button>`
        : info.control === 'granted'
          ? html`<button part="cobrowse-release-button" class="button" type="button" @click=${() => this.control(sessionId, false)}>
              ${t('agentCobrowseControlRelease')}
            </button>`
          : nothing}`;
  }

  /** The control state line (pending or granted) and the notice of a refused click. */
  renderStatus(info: CobrowseInfo): TemplateResult | typeof nothing {
    const text =
      info.control === 'pending' ? this.host.t('agentCobrowseControlPending') : info.control === 'granted' ? this.host.t('agentCobrowseControlGranted') : '';
    if (!text && !this.notice) return nothing;
    return html`<p part="cobrowse-control-state" class="small" role="status">${text}</p>
      ${this.notice && info.control === 'granted' ? html`<p part="cobrowse-notice" class="small">${this.notice}</p>` : nothing}`;
  }

  /**
   * The layer over the view that takes the agent's pointer while the laser is on or control is
   * granted (otherwise the view takes no input at all).
   */
  renderLayer(sessionId: string, info: CobrowseInfo): TemplateResult | typeof nothing {
    if (!this.laser && info.control !== 'granted') return nothing;
    return html`<div
      part="cobrowse-input"
      class="cobrowse-input ${info.control === 'granted' ? 'control' : 'laser'}"
      @pointermove=${(event: PointerEvent) => this.onMove(sessionId, event)}
      @pointerleave=${() => this.onLeave(sessionId)}
      @click=${(event: MouseEvent) => this.onClick(sessionId, info, event)}
      @wheel=${(event: WheelEvent) => (info.control === 'granted' ? this.onWheel(sessionId, event) : undefined)}
    ></div>`;
  }

  /** With control, after the agent clicked a text field: what to type into it. */
  renderTyping(sessionId: string, info: CobrowseInfo): TemplateResult | typeof nothing {
    if (info.control !== 'granted' || this.field?.sessionId !== sessionId) return nothing;
    return html`<form
      part="cobrowse-type"
      class="cobrowse-type"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        this.typeText(sessionId, event.currentTarget as HTMLFormElement);
      }}
    >
      <label for="cobrowse-type-input" class="small">${this.host.t('agentCobrowseTypeLabel')}</label>
      <input id="cobrowse-type-input" part="cobrowse-type-input" name="text" autocomplete="off" />
      <button part="cobrowse-type-button" class="button" type="submit">${this.host.t('agentCobrowseTypeSend')}</button>
      <button part="cobrowse-enter-button" class="button" type="button" @click=${() => this.pressEnter(sessionId)}>
        ${this.host.t('agentCobrowseSubmit')}
      </button>
    </form>`;
  }
}
