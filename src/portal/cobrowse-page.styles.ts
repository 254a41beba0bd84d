import { css } from 'lit';

/** `<nexus-portal-cobrowse>`: the settings form's checkbox and buttons, the recordings and the playback. */
export const cobrowsePageStyles = css`
  @layer nexus {
    .settings {
      width: min(40rem, 100%);
    }
    .settings .check {
      display: flex;
      align-items: center;
      gap: var(--_nexus-space-small);
    }
    .settings p {
      margin: 0;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_nexus-space-small);
    }
    .recordings,
    .playback {
      display: grid;
      gap: var(--_nexus-space-medium);
    }
    .playback .button {
      justify-self: start;
    }
  }
`;
