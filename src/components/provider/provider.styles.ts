import { css } from 'lit';

export const providerStyles = css`
  @layer nexus {
    :host {
      display: contents;
    }
  }
`;
