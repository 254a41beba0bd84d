/**
 * Browser bundle /sdk/self-help.js: `<nexus-provider>` and `<nexus-self-help>` with the search
 * box and the path list, lit and the core. Categories and contact us load when self help first
 * shows them, the guided path and its sanitizer when a path opens (or the browser is idle).
 */
export * from '../core/index.js';
export { setDefaultClient, getDefaultClient } from '../components/shared/context.js';
export { setStrings, registerLocale } from '../i18n/strings.js';
export { loadLocale } from '../components/shared/localize.js';
export { NexusProvider } from '../components/provider/provider.js';
export { NexusSelfHelp } from '../components/self-help/self-help.js';
/**
 * Loads the step that turns self help into live help in place when contact us asks, as the SDK
 * does (the iframe embed uses it): a small chunk of its own, so pages that do not need it do not
 * carry it.
 */
export const loadLiveHelpInPlace = () => import('../sdk/live-help-in-place.js');

/**
 * Live help (`<nexus-live-help>`, `<nexus-chat>`) is in this bundle as a lazy chunk: it loads
 * only when the page has one of those elements, now or later, so self help alone stays small.
 */
const onDemand: Record<string, () => Promise<unknown>> = {
  'nexus-live-help': () => import('../components/live-help/live-help.js'),
  'nexus-chat': () => import('../components/chat/chat.js'),
};

function loadWanted(root: ParentNode) {
  for (const [tag, load] of Object.entries(onDemand)) {
    if (root.querySelector(tag)) {
      delete onDemand[tag];
      void load();
    }
  }
  if (!Object.keys(onDemand).length) observer?.disconnect();
}

const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(() => loadWanted(document));
if (typeof document !== 'undefined') {
  observer?.observe(document.documentElement, { childList: true, subtree: true });
  loadWanted(document);
}
