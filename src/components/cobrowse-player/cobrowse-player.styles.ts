import { css } from 'lit';

/** The player around the replay stage: the controls under it. */
export const cobrowsePlayerStyles = css`
  @layer nexus {
    .player {
      display: flex;
      flex-direction: column;
      gap: var(--_nexus-space-small);
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .position {
      flex: 1 1 10rem;
    }
    .time {
      font-variant-numeric: tabular-nums;
    }
    .speed {
      display: inline-flex;
      align-items: center;
      gap: var(--_nexus-space-x-small);
    }
  }
`;
