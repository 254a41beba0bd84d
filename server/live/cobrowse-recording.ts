/**
 * Storing co-browse for tenants that switched recording on: the relay hands each relayed part
 * here and this writes it through the store, one write after another per recording, so a
 * recording holds its parts in the order they were relayed. A write that fails is reported and
 * does not stop the live relay. Each recording keeps at most COBROWSE_RECORDING_MAX_CHARS of
 * event data; past that it is marked truncated.
 */
import type { CobrowseEndReason, CobrowseInfo } from '../../src/protocol/cobrowse.js';
import type { Store } from '../store/types.js';
import type { CobrowseRecorder } from './cobrowse.js';

/** Most characters of event data one recording keeps (about 50 MB). */
export const COBROWSE_RECORDING_MAX_CHARS = 50_000_000;

export class StoreCobrowseRecorder implements CobrowseRecorder {
  /** The last write of each recording still in progress. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly maxChars = COBROWSE_RECORDING_MAX_CHARS,
  ) {}

  private then(id: string, write: () => Promise<unknown>): void {
    const next = (this.queues.get(id) ?? Promise.resolve()).then(write).catch(this.onError);
    this.queues.set(id, next);
    void next.then(() => {
      if (this.queues.get(id) === next) this.queues.delete(id);
    });
  }

  start(tenantId: string, sessionId: string, info: CobrowseInfo): void {
    this.then(info.id, () => this.store.startCobrowseRecording({ id: info.id, tenantId, sessionId, agent: info.agent, startedAt: info.at }));
  }

  append(tenantId: string, id: string, part: { seq: number; part: number; parts: number; data: string }): void {
    const at = Date.now();
    this.then(id, () => this.store.appendCobrowseRecordingPart(tenantId, id, { ...part, at }, this.maxChars));
  }

  end(tenantId: string, id: string, reason: CobrowseEndReason): void {
    const at = Date.now();
    this.then(id, () => this.store.endCobrowseRecording(tenantId, id, reason, at));
  }
}
