/**
 * Nexus Connect: importing this module registers every element and exposes the headless core.
 * Elements are also importable one by one (`nexus-connect/elements/self-help`), and the core
 * alone (`nexus-connect/core`) renders nothing.
 */
export * from './core/index.js';
export { NexusElement } from './components/shared/nexus-element.js';
export { clientContext, setDefaultClient, getDefaultClient, clientFor } from './components/shared/context.js';
export { defaultStrings } from './i18n/strings-all.js';
export {
  setStrings,
  registerLocale,
  type Strings,
  type StringKey,
  type Catalogue,
  type LocaleDefinition,
  type StringOverrides,
} from './i18n/strings.js';
export { LocalizeController, loadLocale } from './components/shared/localize.js';
export type { NexusEventDetails, NexusEventName, NexusEvent } from './components/shared/events.js';
export type { ListState } from './components/shared/loader.js';
export { TOKENS, type TokenName } from './styles/tokens.js';
export { parseDisplayOrder, type Section, type SearchType, type RemoteConnectionType } from './protocol/page-config.js';
export { NexusProvider } from './components/provider/provider.js';
export { NexusSelfHelp, type SelfHelpState } from './components/self-help/self-help.js';
export { NexusSearch, type SearchState } from './components/search/search.js';
export { NexusCategories } from './components/categories/categories.js';
export { NexusPathList, type PathListSource } from './components/path-list/path-list.js';
export { NexusGuidedPath, type GuidedPathState } from './components/guided-path/guided-path.js';
export { NexusContactUs } from './components/contact-us/contact-us.js';
export { NexusLiveHelp, type LiveHelpMode, type LiveHelpState } from './components/live-help/live-help.js';
export { NexusChat, type ChatPhase, type ChatState } from './components/chat/chat.js';
export { NexusCobrowseConsent, type CobrowseConsentState } from './components/cobrowse-consent/cobrowse-consent.js';
export { NexusCobrowseCode, type CobrowseCodeState } from './components/cobrowse-code/cobrowse-code.js';
export { NexusOverlay } from './sdk/overlay.js';
