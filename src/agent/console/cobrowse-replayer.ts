/**
 * The agent's live view of a customer's tab: rrweb's replayer (`@rrweb/replay`) in live mode.
 * A chunk of its own: `<nexus-agent-console>` imports this module only when a co-browse view
 * first opens, so the console's bundle carries no replayer code.
 *
 * The events are untrusted data from the customer's page. They are rebuilt only inside the
 * replayer's iframe, which rrweb sandboxes with `allow-same-origin` alone: no scripts, forms,
 * pop-ups or top-level navigation, whatever the events contain. `UNSAFE_replayCanvas` (which
 * would add `allow-scripts`) is always off, the only style rules inserted are rrweb's own, the
 * iframe takes no pointer input and no focus, and refresh/redirect `<meta>` tags are neutralized.
 */
import { Replayer } from '@rrweb/replay';

/** rrweb event types the view relies on (`EventType` of `@rrweb/types`). */
const FULL_SNAPSHOT = 2;
const INCREMENTAL_SNAPSHOT = 3;
const META = 4;
/** `IncrementalSource.Mutation`. */
const MUTATION = 0;

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
  /** Stops the replayer and removes its DOM. */
  destroy(): void;
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

/** Starts a live view in `root`; it shows the page from the next full snapshot on. */
export function startCobrowseViewer(options: CobrowseViewerOptions): CobrowseViewer {
  let replayer: Replayer | null = null;
  let destroyed = false;
  /** The meta event (viewport size) that precedes a full snapshot, held until the snapshot comes. */
  let meta: RawEvent | null = null;

  const start = (first: RawEvent) => {
    replayer = new Replayer([], {
      root: options.root,
      liveMode: true,
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
