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
import { KeyedLock } from './lock.js';

/** Most characters of event data one recording keeps (about 50 MB). */
export const COBROWSE_RECORDING_MAX_CHARS = 50_000_000;

export class StoreCobrowseRecorder implements CobrowseRecorder {
  /** The writes of each recording, one after another. */
  private readonly writes = new KeyedLock();

  constructor(
    private readonly store: Store,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly maxChars = COBROWSE_RECORDING_MAX_CHARS,
  ) {}

  /** Runs `write` after the writes already asked for recording `id`; a failure is reported. */
  private queue(id: string, write: () => Promise<unknown>): void {
    this.writes.run(id, write).catch(this.onError);
  }

  start(tenantId: string, sessionId: string, info: CobrowseInfo): void {
    this.queue(info.id, () => this.store.startCobrowseRecording({ id: info.id, tenantId, sessionId, agent: info.agent, startedAt: info.at }));
  }

  append(tenantId: string, id: string, part: { seq: number; part: number; parts: number; data: string }): void {
    const at = Date.now();
    this.queue(id, () => this.store.appendCobrowseRecordingPart(tenantId, id, { ...part, at }, this.maxChars));
  }

  end(tenantId: string, id: string, reason: CobrowseEndReason): void {
    const at = Date.now();
    this.queue(id, () => this.store.endCobrowseRecording(tenantId, id, reason, at));
  }
}
