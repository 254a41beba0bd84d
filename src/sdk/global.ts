/**
 * The classic-script build, `/sdk/nexus-connect-sdk.js`: one file with no dependency that
 * defines `window.NexusConnectSDK` (see ./sdk.ts) and every element. The server is the origin the
 * script was loaded from, unless the script tag says otherwise with `data-server`, or
 * `initialize(jwt, { server })` does.
 */
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
  window.NexusConnectSDK = createSdk(scriptServer());
}
