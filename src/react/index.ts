// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
/**
 * React components for the Nexus Connect elements (`nexus-connect/react`), made with
 * `@lit/react`: props set the elements' properties, `on…` props (`onNexusPathOpen`) listen to
 * their `nexus-*` events with typed details, and a `ref` is the element. Each component
 * registers its element when imported; bundlers drop the ones a page does not use.
 *
 * Importing this module also types the tags as JSX intrinsic elements
 * (`<nexus-self-help search-type="tags">`), see {@link NexusIntrinsicElements}.
 */
export { NexusAgentConsole, type NexusAgentConsoleProps, type NexusAgentConsoleElement } from './agent-console.js';
export { NexusCategories, type NexusCategoriesProps, type NexusCategoriesElement } from './categories.js';
export { NexusChat, type NexusChatProps, type NexusChatElement } from './chat.js';
export { NexusCobrowseCode, type NexusCobrowseCodeProps, type NexusCobrowseCodeElement } from './cobrowse-code.js';
export { NexusCobrowseConsent, type NexusCobrowseConsentProps, type NexusCobrowseConsentElement } from './cobrowse-consent.js';
export { NexusCobrowsePlayer, type NexusCobrowsePlayerProps, type NexusCobrowsePlayerElement } from './cobrowse-player.js';
export { NexusConfirmDialog, type NexusConfirmDialogProps, type NexusConfirmDialogElement } from './confirm-dialog.js';
export { NexusContactUs, type NexusContactUsProps, type NexusContactUsElement } from './contact-us.js';
export { NexusDataTable, type NexusDataTableProps, type NexusDataTableElement } from './data-table.js';
export { NexusDayChart, type NexusDayChartProps, type NexusDayChartElement } from './day-chart.js';
export { NexusGuidedPath, type NexusGuidedPathProps, type NexusGuidedPathElement } from './guided-path.js';
export { NexusLiveHelp, type NexusLiveHelpProps, type NexusLiveHelpElement } from './live-help.js';
export { NexusOverlay, type NexusOverlayProps, type NexusOverlayElement } from './overlay.js';
export { NexusPathList, type NexusPathListProps, type NexusPathListElement } from './path-list.js';
export { NexusPathPreview, type NexusPathPreviewProps, type NexusPathPreviewElement } from './path-preview.js';
export { NexusPortal, type NexusPortalProps, type NexusPortalElement } from './portal.js';
export { NexusPortalAnalytics, type NexusPortalAnalyticsProps, type NexusPortalAnalyticsElement } from './portal-analytics.js';
export { NexusPortalAudit, type NexusPortalAuditProps, type NexusPortalAuditElement } from './portal-audit.js';
export { NexusPortalBranding, type NexusPortalBrandingProps, type NexusPortalBrandingElement } from './portal-branding.js';
export { NexusPortalCategories, type NexusPortalCategoriesProps, type NexusPortalCategoriesElement } from './portal-categories.js';
export { NexusPortalCobrowse, type NexusPortalCobrowseProps, type NexusPortalCobrowseElement } from './portal-cobrowse.js';
export { NexusPortalConfig, type NexusPortalConfigProps, type NexusPortalConfigElement } from './portal-config.js';
export { NexusPortalPathEditor, type NexusPortalPathEditorProps, type NexusPortalPathEditorElement } from './portal-path-editor.js';
export { NexusPortalPaths, type NexusPortalPathsProps, type NexusPortalPathsElement } from './portal-paths.js';
export { NexusPortalSkills, type NexusPortalSkillsProps, type NexusPortalSkillsElement } from './portal-skills.js';
export { NexusPortalTokens, type NexusPortalTokensProps, type NexusPortalTokensElement } from './portal-tokens.js';
export { NexusPortalUsers, type NexusPortalUsersProps, type NexusPortalUsersElement } from './portal-users.js';
export { NexusProvider, type NexusProviderProps, type NexusProviderElement } from './provider.js';
export { NexusRichTextEditor, type NexusRichTextEditorProps, type NexusRichTextEditorElement } from './rich-text-editor.js';
export { NexusSearch, type NexusSearchProps, type NexusSearchElement } from './search.js';
export { NexusSelfHelp, type NexusSelfHelpProps, type NexusSelfHelpElement } from './self-help.js';
export type {
  NexusIntrinsicElements,
  NexusAgentConsoleIntrinsicProps,
  NexusCategoriesIntrinsicProps,
  NexusChatIntrinsicProps,
  NexusCobrowseCodeIntrinsicProps,
  NexusCobrowseConsentIntrinsicProps,
  NexusCobrowsePlayerIntrinsicProps,
  NexusConfirmDialogIntrinsicProps,
  NexusContactUsIntrinsicProps,
  NexusDataTableIntrinsicProps,
  NexusDayChartIntrinsicProps,
  NexusGuidedPathIntrinsicProps,
  NexusLiveHelpIntrinsicProps,
  NexusOverlayIntrinsicProps,
  NexusPathListIntrinsicProps,
  NexusPathPreviewIntrinsicProps,
  NexusPortalIntrinsicProps,
  NexusPortalAnalyticsIntrinsicProps,
  NexusPortalAuditIntrinsicProps,
  NexusPortalBrandingIntrinsicProps,
  NexusPortalCategoriesIntrinsicProps,
  NexusPortalCobrowseIntrinsicProps,
  NexusPortalConfigIntrinsicProps,
  NexusPortalPathEditorIntrinsicProps,
  NexusPortalPathsIntrinsicProps,
  NexusPortalSkillsIntrinsicProps,
  NexusPortalTokensIntrinsicProps,
  NexusPortalUsersIntrinsicProps,
  NexusProviderIntrinsicProps,
  NexusRichTextEditorIntrinsicProps,
  NexusSearchIntrinsicProps,
  NexusSelfHelpIntrinsicProps,
} from './jsx.js';
export type { NexusEvent, NexusEventDetails, NexusEventName } from '../components/shared/events.js';
