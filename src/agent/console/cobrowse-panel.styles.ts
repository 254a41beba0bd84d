import { css } from 'lit';

/** The co-browse area of the conversation: its state bar, the live view, the tools' layer. */
export const cobrowsePanelStyles = css`
  @layer nexus {
    /* Co-browse */
    .cobrowse {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
      padding: var(--_nexus-space-small) var(--_nexus-space-large);
      border-bottom: 1px solid var(--_nexus-color-border);
    }
    .cobrowse.idle {
      padding: 0;
      border: 0;
    }
    .cobrowse-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_nexus-space-small);
    }
    .cobrowse-state {
      margin: 0;
    }
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
    /* Takes the agent's pointer over the view while the laser is on or control is granted. */
    .cobrowse-input {
      position: absolute;
      inset: 0;
      z-index: 2;
      cursor: crosshair;
      touch-action: none;
    }
    .cobrowse-input.control {
      cursor: pointer;
    }
    .cobrowse-type {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .cobrowse-type input {
      flex: 1 1 12rem;
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
