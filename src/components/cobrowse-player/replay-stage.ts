/**
 * The stage a co-browse replay is shown on, shared by the agent console's live view and
 * `<nexus-cobrowse-player>`: its styles (a `.cobrowse-view` box holding a `.cobrowse-screen`, where
 * rrweb's replayer puts its wrapper and sandboxed iframe) and the scaling of the customer's
 * viewport to fit it. No replayer code: this is in the bundles, the replayer is a chunk.
 */
import { css } from 'lit';

/** Scales a replayed viewport of `size` down to fit `stage` (never up); `screen` holds the replayer. */
export function fitScreen(stage: HTMLElement, screen: HTMLElement, size: { width: number; height: number }): void {
  const { width, height } = size;
  const scale = Math.min(1, stage.clientWidth / width, stage.clientHeight / height) || 1;
  screen.style.width = `${width}px`;
  screen.style.height = `${height}px`;
  screen.style.transform = `scale(${scale})`;
}

/** Sizes the stage to the replayed viewport's proportions (at most its own size), then fits the screen in it. */
export function sizeStage(stage: HTMLElement, screen: HTMLElement, size: { width: number; height: number }): void {
  stage.style.aspectRatio = `${size.width} / ${size.height}`;
  stage.style.maxWidth = `${size.width}px`;
  fitScreen(stage, screen, size);
}

/** The stage: the view box, the scaled screen, rrweb's wrapper, iframe and pointer. */
export const replayStageStyles = css`
  @layer nexus {
    .cobrowse-view {
      position: relative;
      width: 100%;
      max-height: 60vh;
      aspect-ratio: 16 / 10;
      overflow: hidden;
      border: 1px solid var(--_nexus-color-border);
      background: #fff;
    }
    .cobrowse-screen {
      position: absolute;
      inset-block-start: 0;
      inset-inline-start: 0;
      transform-origin: 0 0;
    }
    :host(:dir(rtl)) .cobrowse-screen {
      transform-origin: 100% 0;
    }
    /* rrweb's replayer: its wrapper, the sandboxed iframe and the customer's pointer. */
    .cobrowse-screen .replayer-wrapper {
      position: relative;
    }
    .cobrowse-screen iframe {
      display: block;
      border: 0;
      background: #fff;
      pointer-events: none;
    }
    .cobrowse-screen .replayer-mouse {
      position: absolute;
      z-index: 1;
      width: 14px;
      height: 14px;
      margin: -7px 0 0 -7px;
      border-radius: 50%;
      background: rgb(73 80 246 / 45%);
      box-shadow: 0 0 0 2px rgb(73 80 246 / 80%);
      pointer-events: none;
      transition:
        left 0.05s linear,
        top 0.05s linear;
    }
  }
`;
