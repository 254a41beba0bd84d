import { css } from 'lit';
import { replayStageStyles } from '../../components/cobrowse-player/replay-stage.js';

/** The co-browse area of the conversation: its state bar, the live view (the replayer's stage), the tools' layer. */
export const cobrowsePanelStyles = [
  replayStageStyles,
  css`
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
  }
`,
];
