import { html, nothing, type TemplateResult } from 'lit';
import { LIVE_LIMITS } from '../../protocol/api.js';
import type { AgentConfig, LiveSession, TransferTarget, TransferTargets } from '../../protocol/live.js';
import type { ActionsHost } from './session-actions.js';

/** What the transfer needs from the console: what the other actions need, and whether the agent holds a session. */
export interface TransferHost extends ActionsHost {
  canReply(session: LiveSession | undefined): boolean;
}

/** The open dialog: where the session can go (loading until known), and the last refusal. */
interface Choice {
  sessionId: string;
  targets?: TransferTargets;
  busy: boolean;
  error?: unknown;
  /** What is missing (no target chosen). */
  hint?: string;
}

/**
 * Session transfer in the console: a Transfer action on a conversation the agent holds (when the
 * tenant allows transfer: `GET /v1/agent/config`, loaded at sign-in), a dialog listing the agents
 * available now with their load and, when allowed, the skills' queues, with a note for the next
 * agent. The targets are radio buttons (arrow keys move, Enter transfers, Escape cancels). After a
 * transfer the conversation says where the session went, and `nexus-agent-transfer` is fired.
 */
export class TransferDialog {
  private config?: AgentConfig;
  private choice?: Choice;
  /** What the last transfer did, by session. */
  private readonly done = new Map<string, string>();

  constructor(private readonly host: TransferHost) {}

  /** Reads the tenant's switches for this client (signing in); without them there is no Transfer action. */
  async load(): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    try {
      const config = await client.config();
      if (client !== this.host.client()) return;
      this.config = config;
      this.host.requestUpdate();
    } catch (error) {
      if (client === this.host.client()) this.host.reportError(error);
    }
  }

  /** Forgets everything (signing out). */
  reset(): void {
    this.config = undefined;
    this.choice = undefined;
    this.done.clear();
  }

  renderButton(session: LiveSession): unknown {
    if (!this.config?.allowSessionTransfer || !this.host.canReply(session)) return nothing;
    return html`<button part="transfer-button" class="button" type="button" aria-haspopup="dialog" @click=${() => void this.open(session.id)}>
      ${this.host.t('agentTransfer')}
    </button>`;
  }

  renderStatus(session: LiveSession): unknown {
    const text = this.done.get(session.id);
    return text ? html`<p part="transfer-status" class="small muted" role="status">${text}</p>` : nothing;
  }

  renderDialog(session: LiveSession): TemplateResult {
    const choice = this.choice?.sessionId === session.id ? this.choice : undefined;
    const t = this.host.t.bind(this.host);
    return html`<dialog part="transfer-dialog" class="end-dialog transfer-dialog" aria-labelledby="transfer-title" @cancel=${this.close}>
      <form @submit=${(event: SubmitEvent) => void this.submit(event, session.id)}>
        <h3 id="transfer-title">${t('agentTransferTitle')}</h3>
        ${choice?.targets ? this.renderTargets(choice.targets) : html`<p class="muted" role="status">${t('loading')}</p>`}
        <label for="transfer-note">${t('agentTransferNote')}</label>
        <textarea part="transfer-note" id="transfer-note" name="note" rows="2" maxlength=${LIVE_LIMITS.maxTransferNoteChars}></textarea>
        ${choice?.error || choice?.hint
          ? html`<p part="transfer-error" class="inline-error" role="alert">${choice.hint ?? this.host.errorText(choice.error)}</p>`
          : nothing}
        <div class="dialog-actions">
          <button part="transfer-cancel-button" class="button" type="button" @click=${this.close}>${t('agentTransferCancel')}</button>
          <button part="transfer-confirm-button" class="button primary" type="submit" aria-busy=${choice?.busy ? 'true' : 'false'} ?disabled=${!choice?.targets}>
            ${t('agentTransferConfirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private renderTargets(targets: TransferTargets): TemplateResult {
    const t = this.host.t.bind(this.host);
    const me = this.host.agent()?.id;
    const agents = targets.agents.filter((a) => a.id !== me);
    return html`<fieldset part="transfer-agents">
        <legend>${t('agentTransferAgents')}</legend>
        ${agents.length
          ? agents.map(
              (a) => html`<label class="transfer-target">
                <input type="radio" name="target" .value=${`agent:${a.id}`} ?disabled=${a.load >= a.maxSessions} />
                ${t('agentTransferLoad', { name: a.name, load: a.load, max: a.maxSessions })}
              </label>`,
            )
          : html`<p class="muted small">${t('agentTransferNoAgents')}</p>`}
      </fieldset>
      ${targets.skills.length
        ? html`<fieldset part="transfer-skills">
            <legend>${t('agentTransferSkills')}</legend>
            ${targets.skills.map(
              (s) => html`<label class="transfer-target"><input type="radio" name="target" .value=${`skill:${s.id}`} /> ${s.name}</label>`,
            )}
          </fieldset>`
        : nothing}`;
  }

  private async open(sessionId: string): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    this.choice = { sessionId, busy: false };
    this.done.delete(sessionId);
    this.host.requestUpdate();
    await this.host.updated();
    this.dialog()?.showModal();
    try {
      const targets = await client.transferTargets();
      if (client !== this.host.client() || this.choice?.sessionId !== sessionId) return;
      this.choice = { ...this.choice, targets };
    } catch (error) {
      if (client !== this.host.client() || this.choice?.sessionId !== sessionId) return;
      this.choice = { ...this.choice, error };
    }
    this.host.requestUpdate();
    await this.host.updated();
    this.dialog()?.querySelector<HTMLElement>('input[name="target"]:not([disabled])')?.focus();
  }

  private readonly close = (): void => {
    this.dialog()?.close();
    this.choice = undefined;
    this.host.requestUpdate();
  };

  private async submit(event: SubmitEvent, sessionId: string): Promise<void> {
    event.preventDefault();
    const client = this.host.client();
    const choice = this.choice;
    if (!client || !choice?.targets || choice.busy) return;
    const form = event.target as HTMLFormElement;
    const picked = (form.elements.namedItem('target') as RadioNodeList | null)?.value ?? '';
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    const [kind, id] = [picked.slice(0, picked.indexOf(':')), picked.slice(picked.indexOf(':') + 1)];
    if (!id) {
      this.choice = { ...choice, error: undefined, hint: this.host.t('agentTransferChoose') };
      this.host.requestUpdate();
      return;
    }
    const to: TransferTarget = kind === 'agent' ? { agentId: id } : { skill: id };
    const name = kind === 'agent' ? (choice.targets.agents.find((a) => a.id === id)?.name ?? id) : (choice.targets.skills.find((s) => s.id === id)?.name ?? id);
    this.choice = { ...choice, busy: true, error: undefined, hint: undefined };
    this.host.requestUpdate();
    try {
      const session = await client.transfer(sessionId, to, note || undefined);
      if (client !== this.host.client()) return;
      this.host.stopTypingIn(sessionId);
      this.host.upsert(session);
      this.done.set(sessionId, this.host.t('agentTransferDone', { name }));
      this.close();
      this.host.emit('nexus-agent-transfer', { sessionId, ...to, note: Boolean(note) });
      await this.host.updated();
      this.host.root().querySelector<HTMLElement>('[part~="transcript"]')?.focus();
    } catch (error) {
      if (client !== this.host.client()) return;
      this.choice = { ...choice, busy: false, error };
      this.host.reportError(error);
      this.host.requestUpdate();
    }
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.root().querySelector<HTMLDialogElement>('[part~="transfer-dialog"]');
  }
}
