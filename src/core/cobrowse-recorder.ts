/**
 * The co-browse recorder: rrweb's recorder (`@rrweb/record`) with Nexus privacy rules, batching
 * its events into `cobrowse.events` frames. A lazy chunk of its own: `client.cobrowse`
 * (./cobrowse.ts) imports it only after the person accepted a co-browse request, so nothing
 * about the page is captured, and no recorder code is loaded, before consent.
 */
import { record } from '@rrweb/record';
import { COBROWSE_LIMITS } from '../protocol/api.js';
import type { ClientFrame } from '../protocol/live.js';
import { PrivacyRules } from './cobrowse-privacy.js';
import { NexusError } from './errors.js';
import { FULL_SNAPSHOT } from './rrweb-events.js';

export { ALWAYS_BLOCKED, MASK } from './cobrowse-privacy.js';

export interface RecorderOptions {
  /** The co-browse request the frames belong to. */
  id: string;
  /**
   * Mask every input, select and textarea value (passwords and `current-password`,
   * `new-password`, `one-time-code` fields are always masked). See ./cobrowse-privacy.ts.
   */
  maskAllInputs: boolean;
  /** Extra selectors of elements never captured (added to ALWAYS_BLOCKED). */
  blockSelectors: readonly string[];
  /** Selectors of elements whose text is masked (each text node becomes MASK). */
  maskTextSelectors: readonly string[];
  batchMs: number;
  /** Sends one frame; false when it could not be sent (the connection is down). */
  send: (frame: ClientFrame) => boolean;
  onError: (error: NexusError) => void;
}

export { InputApplier } from './cobrowse-input.js';


export interface Recorder {
  /** Sends a fresh full snapshot (for an agent who joined late). */
  snapshot(): void;
  /** The page's node the recorder gave `id` (the agent's inputs name nodes so); null if none. */
  node(id: number): Node | null;
  /** The selector of the elements never captured. */
  readonly blockSelector: string;
  /** Stops capturing; events not sent yet are dropped. */
  stop(): void;
}

/** Starts rrweb's recorder on this document with the privacy rules, sending batches as frames. */
export function startRecorder(options: RecorderOptions): Recorder {
  let buffer: unknown[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  let stopped = false;

  const flush = () => {
    timer = undefined;
    if (stopped || !buffer.length) return;
    const json = JSON.stringify(buffer);
    buffer = [];
    const size = COBROWSE_LIMITS.maxChunkChars;
    const parts = Math.ceil(json.length / size);
    if (parts > COBROWSE_LIMITS.maxParts) {
      options.onError(new NexusError('cobrowse_too_large', `a batch of ${json.length} characters is too large to share; it was dropped`));
      return;
    }
    seq++;
    for (let part = 0; part < parts; part++) {
      const data = json.slice(part * size, (part + 1) * size);
      if (!options.send({ type: 'cobrowse.events', id: options.id, seq, part, parts, data })) return;
    }
  };

  const privacy = new PrivacyRules(options.maskAllInputs, options.blockSelectors, options.maskTextSelectors, record.mirror);
  const { blockSelector } = privacy;
  // A selector the browser cannot parse would make rrweb block nothing at all (it ignores the
  // error): better not to share.
  try {
    document.createDocumentFragment().querySelector(blockSelector);
  } catch {
    throw new NexusError('cobrowse_not_active', 'this browser cannot apply the co-browse privacy rules');
  }
  const stopRecording = record({
    emit(event) {
      // The rules are applied again to each event (what rrweb leaves in clear), before it is kept.
      if (stopped || !privacy.filter(event)) return;
      buffer.push(event);
      // A full snapshot leaves at the end of this task (with the stylesheets recorded right
      // after it), not a batch later: the agent sees nothing until it arrives.
      if (event.type === FULL_SNAPSHOT) {
        clearTimeout(timer);
        timer = setTimeout(flush, 0);
        return;
      }
      timer ??= setTimeout(flush, options.batchMs);
    },
    // Blocking, masking with the fixed mask, and which fields are masked: ./cobrowse-privacy.ts.
    ...privacy.recordOptions(),
    // Stylesheets travel as text (the agent's view cannot fetch the page's URLs behind a login);
    // adopted (constructed) stylesheets, which Lit uses, are recorded by rrweb 2 as they change.
    inlineStylesheet: true,
    // Canvas pixels, cross-origin frames, images and fonts could carry what masking cannot see.
    recordCanvas: false,
    recordCrossOriginIframes: false,
    inlineImages: false,
    collectFonts: false,
    // Leaves out scripts, comments and head meta tags (which may carry tokens): never rendered.
    slimDOMOptions: 'all',
    sampling: { mousemove: 50, scroll: 100, input: 'last' },
    errorHandler: () => true,
  });
  if (!stopRecording) throw new NexusError('cobrowse_not_active', 'the recorder could not start on this page');

  return {
    blockSelector,
    snapshot() {
      if (!stopped) record.takeFullSnapshot(true);
    },
    node(id) {
      return stopped ? null : record.mirror.getNode(id);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      buffer = [];
      stopRecording();
    },
  };
}
