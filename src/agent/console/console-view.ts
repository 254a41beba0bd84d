import type { TemplateResult } from 'lit';
import { emptyState, errorState, loadingState } from '../../components/shared/states.js';
import { NexusError } from '../../core/errors.js';
import type { LiveState } from '../../protocol/api.js';
import type { Agent, LiveKind, LiveSession } from '../../protocol/live.js';
import type { LocalizeController } from '../../components/shared/localize.js';
import type { StringKey } from '../../i18n/strings.js';
import type { AgentClient } from '../agent-client.js';
import type { ConsoleStore } from './console-store.js';
import { consumerName } from './format.js';

/** What the connection code search says (searching, found, or why not). */
export interface CodeStatus {
  kind: 'searching' | 'found' | 'error';
  text: string;
}

/** What the console's pieces do when the agent acts; the element does it. */
export interface ConsoleActions {
  select(sessionId: string): void;
  focusIndex(index: number): void;
  loadSessions(): void;
  loadThread(sessionId: string): void;
  loadDetail(sessionId: string): void;
  accept(sessionId: string, from: 'offer' | 'chat'): void;
  dismissOffer(sessionId: string): void;
  askEnd(): void;
  confirmEnd(): void;
  cancelEnd(): void;
  send(event?: SubmitEvent): void;
  resend(sessionId: string, clientId: string): void;
  stopTyping(): void;
  onComposerInput(event: InputEvent): void;
  onComposerKeyDown(event: KeyboardEvent): void;
  onCodeSubmit(event: SubmitEvent): void;
  onFilterChange(event: Event, which: 'state' | 'skill' | 'kind'): void;
  onListKeyDown(event: KeyboardEvent): void;
}

/**
 * What the console's pieces (session list, conversation, customer panel) render from: the store,
 * the agent, strings and the element's own bits of state, and the actions they call. The pieces
 * are plain functions of it, so they keep rendering into the console's one shadow root (every
 * part stays where themes expect it).
 */
export interface ConsoleView {
  readonly store: ConsoleStore;
  readonly localize: LocalizeController;
  readonly on: ConsoleActions;
  agent(): Agent | undefined;
  client(): AgentClient | undefined;
  now(): number;
  t(key: StringKey, values?: Record<string, string | number>): string;
  activeIndex(): number;
  codeStatus(): CodeStatus | undefined;
  /** The co-browse pieces of the conversation (the element holds the live view). */
  cobrowseButton(session: LiveSession): unknown;
  cobrowseArea(session: LiveSession): unknown;
  /** The transfer pieces of the conversation (transfer-dialog.ts): the action, what it did, the dialog. */
  transferButton(session: LiveSession): unknown;
  transferStatus(session: LiveSession): unknown;
  transferDialog(session: LiveSession): unknown;
}

export function isMine(ui: ConsoleView, session: LiveSession | undefined): boolean {
  const agent = ui.agent();
  return !!session && !!agent && session.agent?.id === agent.id;
}

export function canReply(ui: ConsoleView, session: LiveSession | undefined): boolean {
  return !!session && session.state === 'active' && isMine(ui, session);
}

export function canAccept(ui: ConsoleView, session: LiveSession): boolean {
  if (session.state === 'queued') return true;
  return session.state === 'assigned' && (!session.agent || isMine(ui, session));
}

export function canEnd(ui: ConsoleView, session: LiveSession): boolean {
  return session.state !== 'ended' && (isMine(ui, session) || !session.agent);
}

export function renderLoading(ui: ConsoleView, label = ui.t('loading')): TemplateResult {
  return loadingState(label);
}

export const renderEmpty = emptyState;

export function renderError(ui: ConsoleView, error: unknown, retry?: () => void): TemplateResult {
  return errorState(errorText(ui, error), retry && { label: ui.t('retry'), run: retry });
}

export function errorText(ui: ConsoleView, error: unknown): string {
  if (!(error instanceof NexusError)) return ui.t('agentErrorGeneric', { message: String(error ?? '') });
  if (error.unauthorized) {
    return ui.t(error.code === 'token_revoked' ? 'agentTokenRevoked' : error.code === 'token_expired' ? 'agentTokenExpired' : 'agentTokenRefused');
  }
  if (error.status === 0 && (error.code === 'network_error' || error.code === 'timeout')) return ui.t('agentErrorNetwork');
  switch (error.code) {
    case 'session_taken':
      return ui.t('agentErrorTaken');
    case 'session_ended':
      return ui.t('agentErrorEnded');
    case 'session_not_found':
      return ui.t('agentErrorNotFound');
    default:
      return ui.t('agentErrorGeneric', { message: error.message });
  }
}

export function endedText(ui: ConsoleView, session: LiveSession): string {
  if (session.endedBy === 'customer') return ui.t('agentEndedByCustomer');
  if (session.endedBy === 'agent') return ui.t('agentEndedByAgent');
  return ui.t('agentEndedBySystem');
}

/** The customer's name once known, else the kind and skill. */
export function sessionLabel(ui: ConsoleView, session: LiveSession): string {
  return consumerName(ui.store.details.get(session.id)?.detail?.consumer) ?? sessionTitle(ui, session);
}

export function sessionTitle(ui: ConsoleView, session: LiveSession): string {
  return `${kindLabel(ui, session.kind)} · ${session.skill ?? ui.t('agentNoSkill')}`;
}

export function customerLabel(ui: ConsoleView, session: LiveSession): string {
  return consumerName(ui.store.details.get(session.id)?.detail?.consumer) ?? ui.t('agentCustomer');
}

export function kindLabel(ui: ConsoleView, kind: LiveKind): string {
  return kind === 'call' ? ui.t('agentKindCall') : ui.t('agentKindChat');
}

export function stateLabel(ui: ConsoleView, state: LiveState): string {
  const keys: Record<LiveState, StringKey> = {
    queued: 'agentStateQueued',
    assigned: 'agentStateAssigned',
    active: 'agentStateActive',
    ended: 'agentStateEnded',
  };
  return ui.t(keys[state]);
}
