/**
 * The classic-script build, `/sdk/nexus-connect-sdk.js`: one file with no dependency that
 * defines `window.NexusConnectSDK` (see ./sdk.ts) and every element. The server is the origin the
 * script was loaded from, unless the script tag says otherwise with `data-server`, or
 * `initialize(jwt, { server })` does. The co-browse recorder is not in it: it loads from
 * `cobrowse-recorder.js` next to the script once the person accepts co-browse.
 */
import { setRecorderBase } from './recorder-loader.js';
import { createSdk, type NexusConnectSDK } from './sdk.js';

declare global {
  interface Window {
    NexusConnectSDK: NexusConnectSDK;
  }
}

function scriptServer(): string | undefined {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script) return undefined;
  const given = script.dataset.server;
  if (given) return given;
  return script.src ? new URL(script.src, document.baseURI).origin : undefined;
}

if (window.NexusConnectSDK) {
  console.warn('NexusConnectSDK is already on this page; keeping the first copy.');
} else {
  // The co-browse recorder is a file next to this script, loaded only when the person shares.
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  setRecorderBase(src || (scriptServer() && `${scriptServer()}/sdk/`));
  window.NexusConnectSDK = createSdk(scriptServer());
}
