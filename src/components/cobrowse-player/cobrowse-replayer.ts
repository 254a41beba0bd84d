/**
 * The one co-browse replayer: rrweb's (`@rrweb/replay`), in live mode for the agent's view of a
 * customer's tab (`startCobrowseViewer`, `<nexus-agent-console>`) and over a stored recording for
 * playback (`startCobrowsePlayback`, `<nexus-cobrowse-player>` in the portal). Both build it with
 * the same safe options and pass every event through the same checks. A chunk of its own: the
 * console and the player import this module only when a view first opens, so their bundles
 * carry no replayer code.
 *
 * The events are untrusted data from the customer's page. They are rebuilt only inside the
 * replayer's iframe, which rrweb sandboxes with `allow-same-origin` alone: no scripts, forms,
 * pop-ups or top-level navigation, whatever the events contain. `UNSAFE_replayCanvas` (which
 * would add `allow-scripts`) is always off, the only style rules inserted are rrweb's own, the
 * iframe takes no pointer input and no focus, and refresh/redirect `<meta>` tags are neutralized.
 */
import { Replayer } from '@rrweb/replay';
import { composedClosest, TEXT_FIELD_TYPES } from '../../core/composed-dom.js';
import { FULL_SNAPSHOT, INCREMENTAL_SNAPSHOT, META, MUTATION } from '../../core/rrweb-events.js';


/** A rrweb event as far as this module checks it. */
interface RawEvent {
  type: number;
  timestamp: number;
  data?: unknown;
}

export interface CobrowseViewerOptions {
  /** Where the replayer puts its wrapper (must be connected). */
  root: HTMLElement;
  /** The customer's viewport changed size (CSS pixels of the customer's tab). */
  onResize?: (size: { width: number; height: number }) => void;
  /** The first full snapshot was rebuilt: the view shows the page. */
  onFirstSnapshot?: () => void;
}

/** What the console keeps of a running view. */
export interface CobrowseViewer {
  /** Feeds a batch of events (from `cobrowse.events`); malformed entries are dropped. */
  add(events: unknown[]): void;
  /** True once a full snapshot was received (events before it are dropped). */
  readonly started: boolean;
  /** The replayer's iframe (sandboxed), or null before the first snapshot. */
  readonly frame: HTMLIFrameElement | null;
  /**
   * The customer's element at (x, y) of their viewport (inside shadow roots too), as the id the
   * customer's recorder gave it, with what the console needs to know of it; null when none.
   */
  pick(x: number, y: number): PickedNode | null;
  /** The replayed document's node id and scroll position (to scroll the customer's page). */
  page(): { id: number; scrollX: number; scrollY: number } | null;
  /** Stops the replayer and removes its DOM. */
  destroy(): void;
}

/** An element of the customer's page under the agent's pointer. */
export interface PickedNode {
  id: number;
  /** A text field (input or textarea) the agent may type into with control. */
  field: boolean;
  /** Inside `data-nexus-no-control` (the customer's page refuses remote control there). */
  noControl: boolean;
}

/** The innermost element at (x, y), looking into (open, replayed) shadow roots. */
function deepElementAt(doc: Document, x: number, y: number): Element | null {
  let element = doc.elementFromPoint(x, y);
  while (element?.shadowRoot) {
    const inner = element.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === element) break;
    element = inner;
  }
  return element;
}

const isEvent = (value: unknown): value is RawEvent =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as RawEvent).type) &&
  Number.isFinite((value as RawEvent).timestamp);

/** Drops `http-equiv` from serialized `<meta>` nodes (a refresh would navigate the view). */
function neutralizeNode(node: unknown, depth = 0): void {
  if (typeof node !== 'object' || node === null || depth > 2000) return;
  const n = node as { tagName?: unknown; attributes?: Record<string, unknown>; childNodes?: unknown[] };
  if (typeof n.tagName === 'string' && n.tagName.toLowerCase() === 'meta' && n.attributes) delete n.attributes['http-equiv'];
  if (Array.isArray(n.childNodes)) for (const child of n.childNodes) neutralizeNode(child, depth + 1);
}

function neutralize(event: RawEvent): void {
  const data = event.data as
    | { node?: unknown; source?: number; adds?: { node?: unknown }[]; attributes?: { attributes?: Record<string, unknown> }[] }
    | undefined;
  if (!data || typeof data !== 'object') return;
  if (event.type === FULL_SNAPSHOT) neutralizeNode(data.node);
  if (event.type === INCREMENTAL_SNAPSHOT && data.source === MUTATION) {
    if (Array.isArray(data.adds)) for (const add of data.adds) neutralizeNode(add?.node);
    if (Array.isArray(data.attributes)) {
      for (const change of data.attributes) if (change?.attributes && typeof change.attributes === 'object') delete change.attributes['http-equiv'];
    }
  }
}

/** rrweb's console output is noise for the agent (and fails tests that watch the console). */
const quietLogger = { log: () => undefined, warn: () => undefined };

/**
 * rrweb's replayer with the options that keep the events inert (see the top of this file), its
 * iframe out of the tab order and hidden from assistive technology (the element around it says
 * what it shows), and `options`' callbacks wired.
 */
function safeReplayer(events: RawEvent[], options: CobrowseViewerOptions, liveMode: boolean): Replayer {
  const replayer = new Replayer(events as never[], {
    root: options.root,
    liveMode,
    // Never `true`: it would give the iframe `allow-scripts`.
    UNSAFE_replayCanvas: false,
    insertStyleRules: [],
    triggerFocus: false,
    mouseTail: false,
    showWarning: false,
    showDebug: false,
    logger: quietLogger,
  });
  replayer.on('resize', (size) => options.onResize?.(size as { width: number; height: number }));
  replayer.on('fullsnapshot-rebuilded', () => options.onFirstSnapshot?.());
  replayer.disableInteract();
  const frame = replayer.iframe;
  frame.setAttribute('tabindex', '-1');
  frame.setAttribute('aria-hidden', 'true');
  return replayer;
}

/** Starts a live view in `root`; it shows the page from the next full snapshot on. */
export function startCobrowseViewer(options: CobrowseViewerOptions): CobrowseViewer {
  let replayer: Replayer | null = null;
  let destroyed = false;
  /** The meta event (viewport size) that precedes a full snapshot, held until the snapshot comes. */
  let meta: RawEvent | null = null;

  const start = (first: RawEvent) => {
    replayer = safeReplayer([], options, true);
    // Relative time: the customer's clock may differ from the agent's.
    replayer.startLive(first.timestamp);
  };

  return {
    get started() {
      return replayer !== null;
    },
    get frame() {
      return replayer?.iframe ?? null;
    },
    pick(x, y) {
      const doc = replayer?.iframe.contentDocument;
      if (!replayer || !doc) return null;
      const element = deepElementAt(doc, x, y);
      const id = element ? replayer.getMirror().getId(element) : -1;
      if (!element || id <= 0) return null;
      const tag = element.tagName.toLowerCase();
      const field = tag === 'textarea' || (tag === 'input' && TEXT_FIELD_TYPES.test(element.getAttribute('type') ?? 'text'));
      return { id, field, noControl: composedClosest(element, '[data-nexus-no-control]') !== null };
    },
    page() {
      const frame = replayer?.iframe;
      const doc = frame?.contentDocument;
      if (!replayer || !doc || !frame.contentWindow) return null;
      const id = replayer.getMirror().getId(doc);
      return id > 0 ? { id, scrollX: frame.contentWindow.scrollX, scrollY: frame.contentWindow.scrollY } : null;
    },
    add(events: unknown[]) {
      if (destroyed || !Array.isArray(events)) return;
      for (const event of events) {
        if (!isEvent(event)) continue;
        neutralize(event);
        if (!replayer) {
          // A late view starts at the next full snapshot (with the meta event just before it).
          if (event.type === META) {
            meta = event;
            continue;
          }
          if (event.type !== FULL_SNAPSHOT) continue;
          start(meta ?? event);
          if (meta) replayer!.addEvent(meta as never);
          meta = null;
        }
        replayer!.addEvent(event as never);
      }
    },
    destroy() {
      destroyed = true;
      const r = replayer;
      replayer = null;
      if (!r) return;
      try {
        r.destroy();
      } catch {
        // Already detached with its root: nothing left to clean up.
      }
    },
  };
}

/** A stored recording being played (`startCobrowsePlayback`). */
export interface CobrowsePlayback {
  /** The length of the recording, in milliseconds. */
  readonly duration: number;
  /** Where the playback is, in milliseconds from the start. */
  position(): number;
  readonly playing: boolean;
  /** The replayer's iframe (sandboxed). */
  readonly frame: HTMLIFrameElement;
  /** Plays from the current position (from the start once it finished). */
  play(): void;
  pause(): void;
  /** Goes to `ms` from the start, playing on if it was playing. */
  seek(ms: number): void;
  /** 1 is real time. */
  setSpeed(speed: number): void;
  destroy(): void;
}

export interface CobrowsePlaybackOptions extends CobrowseViewerOptions {
  /** The playback reached the end. */
  onFinish?: () => void;
}

/**
 * Plays stored events (a recording's batches, flattened, in order) in `root`, paused at the
 * start, which shows the first frame. Events before the first full snapshot (but the meta event
 * just before it) cannot be shown and are dropped, malformed ones too. Undefined when nothing is
 * left to play (no full snapshot, or a snapshot alone).
 */
export function startCobrowsePlayback(events: unknown[], options: CobrowsePlaybackOptions): CobrowsePlayback | undefined {
  const kept: RawEvent[] = [];
  let meta: RawEvent | null = null;
  for (const event of events) {
    if (!isEvent(event)) continue;
    neutralize(event);
    if (!kept.length && event.type !== FULL_SNAPSHOT) {
      if (event.type === META) meta = event;
      continue;
    }
    if (!kept.length && meta) kept.push(meta);
    kept.push(event);
  }
  // rrweb's replayer needs two events at least (the recorder always sends the meta event with its snapshot).
  if (kept.length < 2) return undefined;
  const replayer = safeReplayer(kept, options, false);
  const duration = Math.max(0, replayer.getMetaData().totalTime);
  let playing = false;
  let destroyed = false;
  replayer.on('finish', () => {
    playing = false;
    options.onFinish?.();
  });
  // Paused at the start: the first frame.
  replayer.pause(0);
  const clamp = (ms: number) => Math.max(0, Math.min(duration, ms));
  return {
    duration,
    get playing() {
      return playing;
    },
    get frame() {
      return replayer.iframe;
    },
    position: () => (destroyed ? 0 : clamp(replayer.getCurrentTime())),
    play() {
      const at = clamp(replayer.getCurrentTime());
      playing = true;
      replayer.play(at >= duration ? 0 : at);
    },
    pause() {
      playing = false;
      replayer.pause();
    },
    seek(ms) {
      // rrweb shows what happened before the offset: 1 ms more shows the events at `ms` too.
      const at = clamp(ms) + 1;
      if (playing && at < duration) replayer.play(at);
      else {
        playing = false;
        replayer.pause(at);
      }
    },
    setSpeed(speed) {
      replayer.setConfig({ speed });
    },
    destroy() {
      destroyed = true;
      playing = false;
      try {
        replayer.destroy();
      } catch {
        // Already detached with its root.
      }
    },
  };
}
