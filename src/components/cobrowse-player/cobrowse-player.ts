import { html, nothing, type PropertyValues } from 'lit';
import type { CobrowseRecording } from '../../protocol/cobrowse.js';
import { fieldStyles } from '../../styles/fields.js';
import '../../i18n/strings-portal.js';
import { property, query, state } from '../shared/decorators.js';
import { define } from '../shared/define.js';
import { NexusBase } from '../shared/nexus-base.js';
import { emptyState, errorState, loadingState } from '../shared/states.js';
import type { CobrowsePlayback } from './cobrowse-replayer.js';
import { cobrowsePlayerStyles } from './cobrowse-player.styles.js';
import { replayStageStyles, sizeStage, fitScreen } from './replay-stage.js';

/** What the player shows: `loading` (the replayer's code), `ready`, `empty` (nothing to play) or `error`. */
export type CobrowsePlayerState = 'loading' | 'ready' | 'empty' | 'error';

/** The speeds offered, 1 being real time. */
export const PLAYBACK_SPEEDS = [1, 2, 4, 8] as const;

/** A length of time as a clock: `m:ss`, or `h:mm:ss` from an hour on. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The replayer's chunk, imported when a player first plays something (a failed import is tried again next time). */
let replayerModule: Promise<typeof import('./cobrowse-replayer.js')> | undefined;
const loadReplayer = () =>
  (replayerModule ??= import('./cobrowse-replayer.js').catch((error: unknown) => {
    replayerModule = undefined;
    throw error;
  }));

/** How often the position follows the playback, in milliseconds. */
const TICK_MS = 250;

/**
 * Plays a stored co-browse recording (`recording`, as `GET /v1/admin/cobrowse/recordings/:id` or
 * the agents' route answers it) with rrweb's replayer, the same one as the agent console's live
 * view (cobrowse-replayer.ts): the customer's page is rebuilt only in a sandboxed iframe, without
 * scripts, forms or navigation, and takes no input. It opens paused on the first frame.
 *
 * Controls: Play/Pause, the position (a slider: arrow keys move it, Home and End go to the start
 * and the end) and the speed. The replayer's code is a chunk of its own, loaded when a recording
 * is first given.
 *
 * @summary Plays a stored co-browse recording in a sandboxed frame, with play/pause, position and speed.
 * @tag nexus-cobrowse-player
 *
 * @attr state - Read-only, reflected: `loading`, `ready`, `empty` (nothing to play: no full snapshot was stored) or `error` (the replayer could not load).
 *
 * @csspart base - The whole player.
 * @csspart view - The stage with the replayed page (`role="img"`, named by `label`).
 * @csspart controls - The row of controls.
 * @csspart play-button - Plays or pauses.
 * @csspart position - The position slider.
 * @csspart time - The position and the length, as text.
 * @csspart speed - The speed select.
 * @csspart loading - The loading state.
 * @csspart empty - Nothing to play.
 * @csspart error - The replayer could not load.
 *
 * @fires nexus-error - The replayer's code could not be loaded.
 */
export class NexusCobrowsePlayer extends NexusBase {
  static override styles = [...NexusBase.styles, fieldStyles, replayStageStyles, cobrowsePlayerStyles];

  /** The recording to play: its batches of rrweb events (untrusted; replayed inert). */
  @property({ attribute: false }) recording?: CobrowseRecording;

  /** What the view is called for assistive technology (default: "Co-browse recording"). */
  @property() label = '';

  @state() private phase: CobrowsePlayerState = 'loading';
  @state() private position = 0;
  @state() private playing = false;
  @state() private speed: number = PLAYBACK_SPEEDS[0];
  private playback?: CobrowsePlayback;
  /** Counts the recordings given, so that a load that was overtaken stops. */
  private generation = 0;
  private ticker?: ReturnType<typeof setInterval>;
  private resize?: ResizeObserver;
  private size?: { width: number; height: number };

  @query('.cobrowse-view') private stage!: HTMLElement | null;
  @query('.cobrowse-screen') private screen!: HTMLElement | null;

  /** What is shown (read-only; reflected as the `state` attribute). */
  get state(): CobrowsePlayerState {
    return this.shownState as CobrowsePlayerState;
  }

  /** The recording's length in milliseconds (0 before it is ready). */
  get duration(): number {
    return this.playback?.duration ?? 0;
  }

  /** The replayer's sandboxed iframe, once ready. */
  get frame(): HTMLIFrameElement | null {
    return this.playback?.frame ?? null;
  }

  protected override deriveState(): string {
    return this.phase;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('recording')) void this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.recording) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
    this.stop();
  }

  /** Plays from the current position. */
  play(): void {
    if (!this.playback) return;
    this.playback.play();
    this.playing = true;
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.follow(), TICK_MS);
  }

  pause(): void {
    this.playback?.pause();
    this.halt();
  }

  /** Goes to `ms` from the start. */
  seek(ms: number): void {
    this.playback?.seek(ms);
    if (this.playing && !this.playback?.playing) this.halt();
    else this.follow();
  }

  private follow() {
    if (!this.playback) return;
    this.position = this.playback.position();
  }

  private halt() {
    this.playing = false;
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.follow();
  }

  private stop() {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.resize?.disconnect();
    this.resize = undefined;
    this.playback?.destroy();
    this.playback = undefined;
    this.size = undefined;
    this.playing = false;
    this.position = 0;
  }

  private async load() {
    const generation = ++this.generation;
    this.stop();
    this.phase = 'loading';
    const recording = this.recording;
    if (!recording) return;
    let module: typeof import('./cobrowse-replayer.js');
    try {
      module = await loadReplayer();
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = 'error';
      this.reportError(error);
      return;
    }
    await this.updateComplete;
    const [stage, screen] = [this.stage, this.screen];
    if (generation !== this.generation || !stage || !screen) return;
    const playback = module.startCobrowsePlayback(
      recording.batches.flatMap((batch) => batch.events),
      {
        root: screen,
        onResize: (size) => {
          this.size = size;
          sizeStage(stage, screen, size);
        },
        onFinish: () => this.halt(),
      },
    );
    if (!playback) {
      this.phase = 'empty';
      return;
    }
    this.playback = playback;
    playback.setSpeed(this.speed);
    this.resize = new ResizeObserver(() => this.size && fitScreen(stage, screen, this.size));
    this.resize.observe(stage);
    this.phase = 'ready';
  }

  private onSpeed(event: Event) {
    this.speed = Number((event.target as HTMLSelectElement).value);
    this.playback?.setSpeed(this.speed);
  }

  protected override render(): unknown {
    const phase = this.state;
    if (phase === 'error') {
      return errorState(this.t('cobrowsePlayerLoadFailed'), { label: this.t('retry'), run: () => void this.load() });
    }
    if (phase === 'empty') return emptyState(this.t('cobrowsePlayerEmpty'));
    const ready = phase === 'ready';
    const duration = this.duration;
    const time = this.t('cobrowsePlayerTime', { position: clock(this.position), duration: clock(duration) });
    return html`${this.themeLink(this.themeUrl)}
      <div part="base" class="player">
        ${ready ? nothing : loadingState(this.t('loading'))}
        <div part="view" class="cobrowse-view" role="img" aria-label=${this.label || this.t('cobrowsePlayerLabel')} ?hidden=${!ready}>
          <div class="cobrowse-screen"></div>
        </div>
        <div part="controls" class="controls" ?hidden=${!ready}>
          <button part="play-button" class="button" type="button" @click=${() => (this.playing ? this.pause() : this.play())}>
            ${this.t(this.playing ? 'cobrowsePlayerPause' : 'cobrowsePlayerPlay')}
          </button>
          <input
            part="position"
            class="position"
            type="range"
            min="0"
            max=${duration}
            step="100"
            .value=${String(Math.round(this.position))}
            aria-label=${this.t('cobrowsePlayerPosition')}
            aria-valuetext=${time}
            @input=${(event: Event) => this.seek(Number((event.target as HTMLInputElement).value))}
          />
          <span part="time" class="time">${time}</span>
          <label class="speed">
            ${this.t('cobrowsePlayerSpeed')}
            <select part="speed" @change=${this.onSpeed}>
              ${PLAYBACK_SPEEDS.map((speed) => html`<option value=${speed} ?selected=${speed === this.speed}>${speed}×</option>`)}
            </select>
          </label>
        </div>
      </div>`;
  }
}

define('nexus-cobrowse-player', NexusCobrowsePlayer);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-cobrowse-player': NexusCobrowsePlayer;
  }
}
