/**
 * Contact us inside self help asks for live help with `nexus-live-help-request`. When nothing on
 * the page takes the request (no `<nexus-live-help>` answers it, no listener cancels it), live
 * help takes the place of that self help and the request is sent again from there, so the chat or
 * the call starts with the guided path attached. The SDK does this for the self help it shows
 * (`sdk.ts`), and the iframe embed's page for its own (server/embed.ts, which imports this step
 * from the self-help.js bundle), so both behave alike.
 *
 * Only types are imported: the self-help bundle loads live help as a chunk of its own when a
 * `<nexus-live-help>` appears in the page.
 */
import type { NexusLiveHelp } from '../components/live-help/live-help.js';
import type { NexusEvent } from '../components/shared/events.js';
import type { NexusSelfHelp } from '../components/self-help/self-help.js';

/**
 * Call it from a `nexus-live-help-request` listener, while the event is dispatched. It waits a
 * microtask so that every other listener answers first, then, unless the request was taken (or
 * came from live help itself, as the re-sent one does), replaces the self help it came from by a
 * `<nexus-live-help>` with the same phone, skill and remote connection type. `configure` may set
 * more on the new element before it enters the page; returning `false` leaves the request alone.
 */
export function replaceSelfHelpWithLiveHelp(
  event: NexusEvent<'nexus-live-help-request'>,
  configure?: (live: NexusLiveHelp, self: NexusSelfHelp) => boolean | void,
): void {
  const self = event
    .composedPath()
    .find((node): node is NexusSelfHelp => node instanceof HTMLElement && node.localName === 'nexus-self-help');
  if (!self) return;
  queueMicrotask(() => {
    if (event.defaultPrevented || !self.isConnected) return;
    const live = document.createElement('nexus-live-help');
    // Attributes, as live help may not be defined yet (its chunk loads when it enters the page).
    for (const [name, value] of [
      ['phone', self.phone],
      ['skill', self.skill],
      ['remote-connection-type', self.remoteConnectionType],
    ] as const) {
      if (value) live.setAttribute(name, value);
    }
    if (configure?.(live, self) === false) return;
    self.replaceWith(live);
    void customElements
      .whenDefined('nexus-live-help')
      .then(() => live.updateComplete)
      .then(() => {
        live.dispatchEvent(new CustomEvent('nexus-live-help-request', { detail: event.detail, bubbles: true, composed: true, cancelable: true }));
      });
  });
}
