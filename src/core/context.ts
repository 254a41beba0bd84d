import { LIMITS } from '../protocol/api.js';
import type { ContextOp, Identity, LogKind } from '../protocol/schemas.js';
import { invalidArgument } from './errors.js';
import { randomId } from './ids.js';
import type { Outbox } from './outbox.js';
import { readInto, type StateStorage } from './storage.js';

/**
 * Whether a JSON value nests arrays and objects more than `max` levels deep (the server refuses
 * such context data with `json_too_deep`). It looks at most `max` + 1 levels down, so the
 * recursion stays shallow whatever the value. (The server reads depth off the text instead, in
 * src/protocol/json-bounds.ts; this is the few bytes a page needs.)
 */
const deeper = (value: unknown, max: number): boolean =>
  !!value && typeof value === 'object' && (max < 1 || Object.values(value).some((inner) => deeper(inner, max - 1)));

/** The identity fields a page can set, each a single string. */
export type IdentityField = keyof Identity;

interface SessionState {
  /** When the current support session began (ms). */
  begunAt?: number;
  preserve: boolean;
  identity: Identity;
}

const MAX_NAME = 200;

/**
 * Identity and logged context of the person using the page. Everything is sent to the server
 * through the persisted outbox, in order, so the agent sees it if the person escalates.
 *
 * Sessions follow the Cloud SDK guide: each time self help starts (`beginSession()`, called by
 * `<nexus-self-help>`, so also for the SDK's self help calls; live help begins none) the context
 * of the previous one is cleared — identity and log entries recorded before the previous session
 * began — unless `preserveContext(true)` was called. What was logged since the previous session
 * began stays, because it describes what led the person to ask for help this time.
 */
export class ContextService {
  private state: SessionState = { preserve: false, identity: {} };
  private readonly ready: Promise<void>;

  constructor(
    private readonly outbox: Outbox<ContextOp>,
    private readonly storage: StateStorage,
    private readonly storageKey: string,
  ) {
    this.ready = this.restore();
  }

  /** The identity as set on this page (and kept across reloads of the tab). */
  get identity(): Readonly<Identity> {
    return this.state.identity;
  }

  /** Whether context is kept from one session to the next. */
  get preserving(): boolean {
    return this.state.preserve;
  }

  setFirstName(value: string): void {
    this.setIdentityFields({ firstName: this.text('firstName', value) });
  }

  setLastName(value: string): void {
    this.setIdentityFields({ lastName: this.text('lastName', value) });
  }

  setEmail(value: string): void {
    const email = this.text('email', value, 254);
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) invalidArgument(`"${email}" is not an email address`);
    this.setIdentityFields({ email });
  }

  setExternalId(value: string): void {
    this.setIdentityFields({ externalId: this.text('externalId', value) });
  }

  setPhone(value: string): void {
    this.setIdentityFields({ phone: this.text('phone', value, 40) });
  }

  /** Sets email, first name and last name at once (the guide's helper). */
  setIdentity(email: string, firstName: string, lastName: string): void {
    const fields: Identity = {
      firstName: this.text('firstName', firstName),
      lastName: this.text('lastName', lastName),
    };
    const mail = this.text('email', email, 254);
    if (mail && !/^[^\s@]+@[^\s@]+$/.test(mail)) invalidArgument(`"${mail}" is not an email address`);
    this.setIdentityFields({ email: mail, ...fields });
  }

  /** Logs a user action or page view, with optional data (any JSON value). */
  logAction(name: string, data?: unknown): void {
    this.log('action', name, undefined, data);
  }

  /** Logs a device and its attributes (state, reachability...). */
  logDevice(name: string, data?: unknown): void {
    this.log('device', name, undefined, data);
  }

  /** Logs content the person looked at: its type, optionally the content and data. */
  logContent(contentType: string, content?: string, data?: unknown): void {
    if (content !== undefined && typeof content !== 'string') invalidArgument('content must be a string');
    this.log('content', contentType, content, data);
  }

  /** Clears the logged context (actions, devices, content) on the server. */
  clearContext(): void {
    this.op({ op: 'clear-context' });
  }

  /** Clears the identity fields, here and on the server. */
  clearIdentity(): void {
    this.state.identity = {};
    this.save();
    this.op({ op: 'clear-identity' });
  }

  /** Keep (true) or clear (false, the default) the context between support sessions. */
  preserveContext(preserve = true): void {
    this.state.preserve = Boolean(preserve);
    this.save();
  }

  /**
   * Marks the start of a support session (`<nexus-self-help>` calls it when it starts; live help
   * does not). Unless context is preserved, what was recorded before the previous session began
   * is cleared.
   */
  async beginSession(): Promise<void> {
    await this.ready;
    const now = Date.now();
    const previous = this.state.begunAt;
    if (previous !== undefined && !this.state.preserve) {
      this.op({ op: 'clear-context', before: previous });
      this.op({ op: 'clear-identity', before: previous });
      this.state.identity = {};
    }
    this.state.begunAt = now;
    this.save();
  }

  /** Sends everything logged so far; resolves when the server has it (or delivery paused). */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  private setIdentityFields(fields: Identity): void {
    this.state.identity = { ...this.state.identity, ...fields };
    for (const key of Object.keys(this.state.identity) as IdentityField[]) {
      if (this.state.identity[key] === null) delete this.state.identity[key];
    }
    this.save();
    this.op({ op: 'identity', set: fields });
  }

  private log(kind: LogKind, name: string, detail: string | undefined, data: unknown): void {
    if (typeof name !== 'string' || !name.trim()) invalidArgument(`log${capital(kind)} needs a name`);
    if (name.length > MAX_NAME) invalidArgument(`log${capital(kind)}: name is longer than ${MAX_NAME}`);
    if (detail !== undefined && detail.length > 1000) invalidArgument('content is longer than 1000');
    const op: Partial<ContextOp> & Record<string, unknown> = { op: 'log', kind, name: name.trim() };
    if (detail !== undefined) op.detail = detail;
    if (data !== undefined) {
      let json: string | undefined;
      try {
        json = JSON.stringify(data);
      } catch {
        invalidArgument(`log${capital(kind)}: data must be JSON-serializable`);
      }
      if (json === undefined) invalidArgument(`log${capital(kind)}: data must be JSON-serializable`);
      if (deeper(JSON.parse(json), LIMITS.maxEntryDataDepth)) {
        invalidArgument(`log${capital(kind)}: data nests arrays and objects more than ${LIMITS.maxEntryDataDepth} levels deep`);
      }
      if (new Blob([json]).size > LIMITS.maxEntryDataBytes) {
        invalidArgument(`log${capital(kind)}: data is larger than ${LIMITS.maxEntryDataBytes} bytes`);
      }
      op.data = JSON.parse(json);
    }
    this.op(op);
  }

  private op(fields: Record<string, unknown>): void {
    this.outbox.push({ id: randomId(), at: Date.now(), ...fields } as ContextOp);
  }

  /** Validates one identity string; an empty string unsets the field. */
  private text(field: IdentityField, value: unknown, max = 200): string | null {
    if (value === null || value === undefined || value === '') return null;
    if (typeof value !== 'string') invalidArgument(`${field} must be a string`);
    const trimmed = value.trim();
    if (trimmed.length > max) invalidArgument(`${field} is longer than ${max} characters`);
    return trimmed || null;
  }

  private save(): void {
    void this.storage.write(this.storageKey, JSON.stringify(this.state));
  }

  private restore(): Promise<void> {
    return readInto(this.storage, this.storageKey, (raw) => {
      if (!raw) return;
      try {
        const saved = JSON.parse(raw) as Partial<SessionState>;
        this.state = {
          begunAt: typeof saved.begunAt === 'number' ? saved.begunAt : this.state.begunAt,
          preserve: this.state.preserve || Boolean(saved.preserve),
          identity: { ...saved.identity, ...this.state.identity },
        };
      } catch {
        // Unreadable saved state: start afresh.
      }
    });
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
