// Generated from custom-elements.json by scripts/integrations.ts (`npm run analyze`): do not edit.
import type * as React from 'react';
import type { NexusEvent } from '../components/shared/events.js';
import type { NexusAgentConsole } from '../agent/console/agent-console.js';
import type { NexusCategories } from '../components/categories/categories.js';
import type { NexusChat } from '../components/chat/chat.js';
import type { NexusCobrowseCode } from '../components/cobrowse-code/cobrowse-code.js';
import type { NexusCobrowseConsent } from '../components/cobrowse-consent/cobrowse-consent.js';
import type { NexusCobrowsePlayer } from '../components/cobrowse-player/cobrowse-player.js';
import type { NexusConfirmDialog } from '../portal/confirm-dialog.js';
import type { NexusContactUs } from '../components/contact-us/contact-us.js';
import type { NexusDataTable } from '../portal/data-table.js';
import type { NexusDayChart } from '../portal/day-chart.js';
import type { NexusGuidedPath } from '../components/guided-path/guided-path.js';
import type { NexusLiveHelp } from '../components/live-help/live-help.js';
import type { NexusOverlay } from '../sdk/overlay.js';
import type { NexusPathList } from '../components/path-list/path-list.js';
import type { NexusPathPreview } from '../portal/path-preview.js';
import type { NexusPortal } from '../portal/portal.js';
import type { NexusPortalAnalytics } from '../portal/analytics-page.js';
import type { NexusPortalAudit } from '../portal/audit-page.js';
import type { NexusPortalBranding } from '../portal/branding-page.js';
import type { NexusPortalCategories } from '../portal/categories-page.js';
import type { NexusPortalCobrowse } from '../portal/cobrowse-page.js';
import type { NexusPortalConfig } from '../portal/config-page.js';
import type { NexusPortalPathEditor } from '../portal/path-editor.js';
import type { NexusPortalPaths } from '../portal/paths-page.js';
import type { NexusPortalSkills } from '../portal/skills-page.js';
import type { NexusPortalTokens } from '../portal/tokens-page.js';
import type { NexusPortalUsers } from '../portal/users-page.js';
import type { NexusProvider } from '../components/provider/provider.js';
import type { NexusRichTextEditor } from '../portal/rich-text-editor.js';
import type { NexusSearch } from '../components/search/search.js';
import type { NexusSelfHelp } from '../components/self-help/self-help.js';

/** How an attribute is written in JSX: a boolean or number as such, a string as the property's type. */
type AttributeValue<T> = T extends boolean ? boolean : T extends number ? number | `${number}` : T;

/** React's props for an HTML element (`className`, `style`, `ref`, `key`, `children`…), with the element's own. */
type ElementProps<E extends HTMLElement, Own> = Omit<React.DetailedHTMLProps<React.HTMLAttributes<E>, E>, keyof Own> & Own;

/** The JSX props of `<nexus-agent-console>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusAgentConsoleIntrinsicProps {
  /**
   * How the sign-in form asks: `account` (email and password, the default) or `token` (a pasted agent token); the agent can switch.
   *
   * Attribute of the `signInMode` property.
   */
  'sign-in-mode'?: AttributeValue<NexusAgentConsole['signInMode']>;
  /**
   * The state filter the session list starts with: `open` (default), `all`, or one state.
   *
   * Attribute of the `stateFilter` property.
   */
  'state-filter'?: AttributeValue<NexusAgentConsole['stateFilter']>;
  /**
   * Most sessions the list loads.
   *
   * Attribute of the `sessionLimit` property.
   */
  'session-limit'?: AttributeValue<NexusAgentConsole['sessionLimit']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusAgentConsole['themeUrl']>;
  /** URL of the Nexus Cloud server. */
  server?: NexusAgentConsole['server'];
  /**
   * The agent's token (`npm run cloud -- agent token <agentId>`). Without one, the console shows
   * its sign-in form; the token the agent enters there is kept only in this property.
   */
  token?: NexusAgentConsole['token'];
  /**
   * How the sign-in form asks: `account` (email and password, the default) or `token` (a pasted agent token); the agent can switch.
   *
   * Property of the `sign-in-mode` attribute.
   */
  signInMode?: NexusAgentConsole['signInMode'];
  /**
   * The state filter the session list starts with: `open` (default), `all`, or one state.
   *
   * Property of the `state-filter` attribute.
   */
  stateFilter?: NexusAgentConsole['stateFilter'];
  /**
   * Most sessions the list loads.
   *
   * Property of the `session-limit` attribute.
   */
  sessionLimit?: NexusAgentConsole['sessionLimit'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusAgentConsole['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusAgentConsole['strings'];
  /** Listens to `nexus-agent-sign-in`: The agent token was accepted. */
  'onnexus-agent-sign-in'?: (event: NexusEvent<'nexus-agent-sign-in'>) => void;
  /** Listens to `nexus-agent-sign-out`: The agent signed out. */
  'onnexus-agent-sign-out'?: (event: NexusEvent<'nexus-agent-sign-out'>) => void;
  /** Listens to `nexus-agent-status`: The agent's availability changed. */
  'onnexus-agent-status'?: (event: NexusEvent<'nexus-agent-status'>) => void;
  /** Listens to `nexus-agent-offer`: A request is offered to this agent (cancelable: no notification is shown). */
  'onnexus-agent-offer'?: (event: NexusEvent<'nexus-agent-offer'>) => void;
  /** Listens to `nexus-agent-accept`: The agent took a session. */
  'onnexus-agent-accept'?: (event: NexusEvent<'nexus-agent-accept'>) => void;
  /** Listens to `nexus-agent-transfer`: The agent transferred a session to another agent or a skill's queue. */
  'onnexus-agent-transfer'?: (event: NexusEvent<'nexus-agent-transfer'>) => void;
  /** Listens to `nexus-agent-message`: A message was shown in the open conversation. */
  'onnexus-agent-message'?: (event: NexusEvent<'nexus-agent-message'>) => void;
  /** Listens to `nexus-agent-session-end`: A session the agent had open or handled ended. */
  'onnexus-agent-session-end'?: (event: NexusEvent<'nexus-agent-session-end'>) => void;
  /** Listens to `nexus-error`: Something failed (a refused token, an unreachable server, a failed action); the console shows it too. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-categories>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusCategoriesIntrinsicProps {
  /**
   * Level of the headings (1–6).
   *
   * Attribute of the `headingLevel` property.
   */
  'heading-level'?: AttributeValue<NexusCategories['headingLevel']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusCategories['themeUrl']>;
  /** Id of the open category; empty for the cards. Set it to open a category directly. */
  category?: NexusCategories['category'];
  /** Heading text; defaults to "Browse by topic". Set to an empty string for none. */
  label?: NexusCategories['label'];
  /**
   * Level of the headings (1–6).
   *
   * Property of the `heading-level` attribute.
   */
  headingLevel?: NexusCategories['headingLevel'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusCategories['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusCategories['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusCategories['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusCategories['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusCategories['strings'];
  /** Listens to `nexus-category-select`: The person opened a category (cancelable: the default shows its paths). */
  'onnexus-category-select'?: (event: NexusEvent<'nexus-category-select'>) => void;
  /** Listens to `nexus-path-select`: The person picked a path in the open category (from the inner list). */
  'onnexus-path-select'?: (event: NexusEvent<'nexus-path-select'>) => void;
  /** Listens to `nexus-error`: Loading failed; the element shows the error and a retry button. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-chat>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusChatIntrinsicProps {
  /**
   * Leave out the rating and survey after the chat ends.
   *
   * Attribute of the `hideRating` property.
   */
  'hide-rating'?: AttributeValue<NexusChat['hideRating']>;
  /**
   * Leave out "email me a copy" after the chat ends.
   *
   * Attribute of the `hideTranscript` property.
   */
  'hide-transcript'?: AttributeValue<NexusChat['hideTranscript']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusChat['themeUrl']>;
  /** Agent skill (queue) the chat is routed to; the general queue when empty. */
  skill?: NexusChat['skill'];
  /** Start the chat as soon as the element is shown, instead of showing a start button. */
  autostart?: NexusChat['autostart'];
  /**
   * Leave out the rating and survey after the chat ends.
   *
   * Property of the `hide-rating` attribute.
   */
  hideRating?: NexusChat['hideRating'];
  /**
   * Leave out "email me a copy" after the chat ends.
   *
   * Property of the `hide-transcript` attribute.
   */
  hideTranscript?: NexusChat['hideTranscript'];
  /** Custom data sent with the chat request; agents see it and can filter on it. */
  data?: NexusChat['data'];
  /** The guided path the person escalated from, sent with the chat request. */
  origin?: NexusChat['origin'];
  /** Heading of the chat window; an empty string for none. */
  label?: NexusChat['label'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusChat['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusChat['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusChat['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusChat['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusChat['strings'];
  /** Listens to `nexus-chat-message`: A message was shown (from the agent or sent by the person). */
  'onnexus-chat-message'?: (event: NexusEvent<'nexus-chat-message'>) => void;
  /** Listens to `nexus-chat-agent-join`: An agent joined the chat. */
  'onnexus-chat-agent-join'?: (event: NexusEvent<'nexus-chat-agent-join'>) => void;
  /** Listens to `nexus-chat-end`: The chat ended. */
  'onnexus-chat-end'?: (event: NexusEvent<'nexus-chat-end'>) => void;
  /** Listens to `nexus-chat-rate`: The person rated the chat. */
  'onnexus-chat-rate'?: (event: NexusEvent<'nexus-chat-rate'>) => void;
  /** Listens to `nexus-live-help-start`: The chat was started by this element. */
  'onnexus-live-help-start'?: (event: NexusEvent<'nexus-live-help-start'>) => void;
  /** Listens to `nexus-error`: Starting, sending or uploading failed. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-cobrowse-code>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusCobrowseCodeIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusCobrowseCode['themeUrl']>;
  /** The agent skill (queue) the code's session belongs to; the general queue when empty. */
  skill?: NexusCobrowseCode['skill'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusCobrowseCode['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusCobrowseCode['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusCobrowseCode['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusCobrowseCode['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusCobrowseCode['strings'];
  /** Listens to `nexus-cobrowse-code`: A code was given: `detail.code`, `detail.sessionId`. */
  'onnexus-cobrowse-code'?: (event: NexusEvent<'nexus-cobrowse-code'>) => void;
  /** Listens to `nexus-error`: Getting a code failed. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-cobrowse-consent>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusCobrowseConsentIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusCobrowseConsent['themeUrl']>;
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusCobrowseConsent['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusCobrowseConsent['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusCobrowseConsent['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusCobrowseConsent['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusCobrowseConsent['strings'];
  /** Listens to `nexus-cobrowse-state`: Co-browse changed (asked, sharing, declined, ended, or remote control asked, granted, stopped: `detail.control`). */
  'onnexus-cobrowse-state'?: (event: NexusEvent<'nexus-cobrowse-state'>) => void;
  /** Listens to `nexus-cobrowse-remote-download`: Remote mode (the live session's `remoteConnectionType` is `remote`): the person accepted and the tenant's remote-support client is downloaded from `detail.url` (cancelable: the download does not start). */
  'onnexus-cobrowse-remote-download'?: (event: NexusEvent<'nexus-cobrowse-remote-download'>) => void;
  /** Listens to `nexus-error`: Starting to share failed. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-cobrowse-player>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusCobrowsePlayerIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusCobrowsePlayer['themeUrl']>;
  /** The recording to play: its batches of rrweb events (untrusted; replayed inert). */
  recording?: NexusCobrowsePlayer['recording'];
  /** What the view is called for assistive technology (default: "Co-browse recording"). */
  label?: NexusCobrowsePlayer['label'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusCobrowsePlayer['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusCobrowsePlayer['strings'];
  /** Listens to `nexus-error`: The replayer's code could not be loaded. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-confirm-dialog>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusConfirmDialogIntrinsicProps {
  /**
   * The confirm button's text, a verb that says what it does ("Revoke").
   *
   * Attribute of the `confirmLabel` property.
   */
  'confirm-label'?: AttributeValue<NexusConfirmDialog['confirmLabel']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusConfirmDialog['themeUrl']>;
  /** The question, as in "Revoke this token?". */
  heading?: NexusConfirmDialog['heading'];
  /** The name of what will be destroyed or ended, shown on its own line (a token's name, an email). */
  target?: NexusConfirmDialog['target'];
  /** What happens when confirmed, in a sentence. */
  message?: NexusConfirmDialog['message'];
  /**
   * The confirm button's text, a verb that says what it does ("Revoke").
   *
   * Property of the `confirm-label` attribute.
   */
  confirmLabel?: NexusConfirmDialog['confirmLabel'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusConfirmDialog['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusConfirmDialog['strings'];
  /** Listens to `nexus-confirm-close`: The dialog closed: `confirmed` true for the confirm button, false for Cancel or Escape. */
  'onnexus-confirm-close'?: (event: NexusEvent<'nexus-confirm-close'>) => void;
}

/** The JSX props of `<nexus-contact-us>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusContactUsIntrinsicProps {
  /**
   * How an agent may reach the person's screen: `cobrowse` (default) or `remote`.
   *
   * Attribute of the `remoteConnectionType` property.
   */
  'remote-connection-type'?: AttributeValue<NexusContactUs['remoteConnectionType']>;
  /**
   * The guided path the person was following, sent with the request.
   *
   * Attribute of the `pathId` property.
   */
  'path-id'?: AttributeValue<NexusContactUs['pathId']>;
  /**
   * Level of the heading (1–6).
   *
   * Attribute of the `headingLevel` property.
   */
  'heading-level'?: AttributeValue<NexusContactUs['headingLevel']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusContactUs['themeUrl']>;
  /** Phone number to call; shows the call button. */
  phone?: NexusContactUs['phone'];
  /** Agent skill queue for chat; shows the chat button. */
  skill?: NexusContactUs['skill'];
  /**
   * How an agent may reach the person's screen: `cobrowse` (default) or `remote`.
   *
   * Property of the `remote-connection-type` attribute.
   */
  remoteConnectionType?: NexusContactUs['remoteConnectionType'];
  /**
   * The guided path the person was following, sent with the request.
   *
   * Property of the `path-id` attribute.
   */
  pathId?: NexusContactUs['pathId'];
  /** Heading text; set to an empty string for none. */
  label?: NexusContactUs['label'];
  /**
   * Level of the heading (1–6).
   *
   * Property of the `heading-level` attribute.
   */
  headingLevel?: NexusContactUs['headingLevel'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusContactUs['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusContactUs['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusContactUs['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusContactUs['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusContactUs['strings'];
  /** Listens to `nexus-live-help-request`: The person asked for chat or a call (cancelable). */
  'onnexus-live-help-request'?: (event: NexusEvent<'nexus-live-help-request'>) => void;
}

/** The JSX props of `<nexus-data-table>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusDataTableIntrinsicProps {
  /**
   * The field of a row that identifies it (default `id`).
   *
   * Attribute of the `rowKey` property.
   */
  'row-key'?: AttributeValue<NexusDataTable['rowKey']>;
  /**
   * What the empty state says (default: "Nothing here yet.").
   *
   * Attribute of the `emptyText` property.
   */
  'empty-text'?: AttributeValue<NexusDataTable['emptyText']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusDataTable['themeUrl']>;
  /** The table's name (its caption, and what screen readers call it). */
  label?: NexusDataTable['label'];
  /** The columns, in order. */
  columns?: NexusDataTable['columns'];
  /** Loads the rows (again when replaced, and on retry or `reload()`). */
  loader?: NexusDataTable['loader'];
  /**
   * The field of a row that identifies it (default `id`).
   *
   * Property of the `row-key` attribute.
   */
  rowKey?: NexusDataTable['rowKey'];
  /**
   * What the empty state says (default: "Nothing here yet.").
   *
   * Property of the `empty-text` attribute.
   */
  emptyText?: NexusDataTable['emptyText'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusDataTable['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusDataTable['strings'];
  /** Listens to `nexus-table-row-activate`: Enter (or a double click) on a row: its key. */
  'onnexus-table-row-activate'?: (event: NexusEvent<'nexus-table-row-activate'>) => void;
  /** Listens to `nexus-error`: The rows could not be loaded (the table shows it too, with retry). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-day-chart>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusDayChartIntrinsicProps {
  /**
   * Shows the table of the days instead of the chart.
   *
   * Attribute of the `showTable` property.
   */
  'show-table'?: AttributeValue<NexusDayChart['showTable']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusDayChart['themeUrl']>;
  /** The chart's name: its caption, and what the plot and the table are called. */
  label?: NexusDayChart['label'];
  /** The days, `yyyy-mm-dd`, oldest first. */
  days?: NexusDayChart['days'];
  /** The lines; `values[i]` is the count of `days[i]` (a missing one counts 0). */
  series?: NexusDayChart['series'];
  /**
   * Shows the table of the days instead of the chart.
   *
   * Property of the `show-table` attribute.
   */
  showTable?: NexusDayChart['showTable'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusDayChart['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusDayChart['strings'];
}

/** The JSX props of `<nexus-guided-path>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusGuidedPathIntrinsicProps {
  /**
   * Id of the path to show.
   *
   * Attribute of the `pathId` property.
   */
  'path-id'?: AttributeValue<NexusGuidedPath['pathId']>;
  /**
   * A help-id naming the path to show (used when `path-id` is not set).
   *
   * Attribute of the `helpId` property.
   */
  'help-id'?: AttributeValue<NexusGuidedPath['helpId']>;
  /**
   * Where the path was opened from, recorded with its start for the tenant's analytics:
   * `recommended` or `search` (`<nexus-self-help>` sets it when the person picks a path from those
   * lists). A path loaded by `help-id` alone counts as opened by its help-id.
   *
   * Attribute of the `openedFrom` property.
   */
  'opened-from'?: AttributeValue<NexusGuidedPath['openedFrom']>;
  /**
   * Level of the path title's heading (1–6); step titles are one level below.
   *
   * Attribute of the `headingLevel` property.
   */
  'heading-level'?: AttributeValue<NexusGuidedPath['headingLevel']>;
  /**
   * URL of a stylesheet for the HTML of the steps (default: the client's `stepContentThemeUrl`).
   *
   * Attribute of the `stepContentThemeUrl` property.
   */
  'step-content-theme-url'?: AttributeValue<NexusGuidedPath['stepContentThemeUrl']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusGuidedPath['themeUrl']>;
  /**
   * Id of the path to show.
   *
   * Property of the `path-id` attribute.
   */
  pathId?: NexusGuidedPath['pathId'];
  /**
   * A help-id naming the path to show (used when `path-id` is not set).
   *
   * Property of the `help-id` attribute.
   */
  helpId?: NexusGuidedPath['helpId'];
  /** The path itself, shown without loading anything. Takes precedence over `path-id` and `help-id`. */
  path?: NexusGuidedPath['path'];
  /**
   * Where the path was opened from, recorded with its start for the tenant's analytics:
   * `recommended` or `search` (`<nexus-self-help>` sets it when the person picks a path from those
   * lists). A path loaded by `help-id` alone counts as opened by its help-id.
   *
   * Property of the `opened-from` attribute.
   */
  openedFrom?: NexusGuidedPath['openedFrom'];
  /**
   * Level of the path title's heading (1–6); step titles are one level below.
   *
   * Property of the `heading-level` attribute.
   */
  headingLevel?: NexusGuidedPath['headingLevel'];
  /**
   * URL of a stylesheet for the HTML of the steps (default: the client's `stepContentThemeUrl`).
   *
   * Property of the `step-content-theme-url` attribute.
   */
  stepContentThemeUrl?: NexusGuidedPath['stepContentThemeUrl'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusGuidedPath['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusGuidedPath['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusGuidedPath['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusGuidedPath['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusGuidedPath['strings'];
  /** Listens to `nexus-path-open`: A path was loaded (or set) and its first step shown. */
  'onnexus-path-open'?: (event: NexusEvent<'nexus-path-open'>) => void;
  /** Listens to `nexus-step-change`: Another step is shown (also the first one, and after Back or Start over). */
  'onnexus-step-change'?: (event: NexusEvent<'nexus-step-change'>) => void;
  /** Listens to `nexus-resolved`: The person said the path solved the problem, or reached a step that resolves it. */
  'onnexus-resolved'?: (event: NexusEvent<'nexus-resolved'>) => void;
  /** Listens to `nexus-escalate`: The person needs more help: answered "no", or took a choice that escalates. */
  'onnexus-escalate'?: (event: NexusEvent<'nexus-escalate'>) => void;
  /** Listens to `nexus-error`: Loading the path failed; the element shows the error. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-live-help>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusLiveHelpIntrinsicProps {
  /**
   * `IVR`: the call card says to enter the code when prompted, instead of telling it to the agent.
   *
   * Attribute of the `connectMethod` property.
   */
  'connect-method'?: AttributeValue<NexusLiveHelp['connectMethod']>;
  /**
   * How an agent may reach the person's screen: `cobrowse` (default) or `remote`.
   *
   * Attribute of the `remoteConnectionType` property.
   */
  'remote-connection-type'?: AttributeValue<NexusLiveHelp['remoteConnectionType']>;
  /**
   * Do not answer `nexus-live-help-request` events from the rest of the page.
   *
   * Attribute of the `ignoreRequests` property.
   */
  'ignore-requests'?: AttributeValue<NexusLiveHelp['ignoreRequests']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusLiveHelp['themeUrl']>;
  /** `chat`, `call`, or empty to let the person choose. */
  mode?: NexusLiveHelp['mode'];
  /** Phone number to call; needed for calls. */
  phone?: NexusLiveHelp['phone'];
  /** Agent skill (queue) for chat; the general queue when empty. */
  skill?: NexusLiveHelp['skill'];
  /**
   * `IVR`: the call card says to enter the code when prompted, instead of telling it to the agent.
   *
   * Property of the `connect-method` attribute.
   */
  connectMethod?: NexusLiveHelp['connectMethod'];
  /**
   * How an agent may reach the person's screen: `cobrowse` (default) or `remote`.
   *
   * Property of the `remote-connection-type` attribute.
   */
  remoteConnectionType?: NexusLiveHelp['remoteConnectionType'];
  /**
   * Do not answer `nexus-live-help-request` events from the rest of the page.
   *
   * Property of the `ignore-requests` attribute.
   */
  ignoreRequests?: NexusLiveHelp['ignoreRequests'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusLiveHelp['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusLiveHelp['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusLiveHelp['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusLiveHelp['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusLiveHelp['strings'];
  /** Listens to `nexus-height-change`: The content height changed, in every view: the choice, the call card, the chat as it queues, talks and ends (for hosts that size a frame or container to it). */
  'onnexus-height-change'?: (event: NexusEvent<'nexus-height-change'>) => void;
  /** Listens to `nexus-live-help-start`: A chat or call session began. */
  'onnexus-live-help-start'?: (event: NexusEvent<'nexus-live-help-start'>) => void;
  /** Listens to `nexus-chat-message`: Bubbles from the chat inside: a message was shown. */
  'onnexus-chat-message'?: (event: NexusEvent<'nexus-chat-message'>) => void;
  /** Listens to `nexus-chat-agent-join`: Bubbles from the chat inside: an agent joined. */
  'onnexus-chat-agent-join'?: (event: NexusEvent<'nexus-chat-agent-join'>) => void;
  /** Listens to `nexus-chat-end`: Bubbles from the chat inside: the chat ended. */
  'onnexus-chat-end'?: (event: NexusEvent<'nexus-chat-end'>) => void;
  /** Listens to `nexus-chat-rate`: Bubbles from the chat inside: the person rated the chat. */
  'onnexus-chat-rate'?: (event: NexusEvent<'nexus-chat-rate'>) => void;
  /** Listens to `nexus-error`: Requesting live help failed (or the chat inside reported a failure). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-overlay>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusOverlayIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusOverlay['themeUrl']>;
  /** The dialog's accessible title (default: the `overlayLabel` string, "Help"). */
  label?: NexusOverlay['label'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusOverlay['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusOverlay['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusOverlay['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusOverlay['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusOverlay['strings'];
  /** Listens to `nexus-overlay-close`: The overlay closed (Escape, the close button, or `close()`). */
  'onnexus-overlay-close'?: (event: NexusEvent<'nexus-overlay-close'>) => void;
}

/** The JSX props of `<nexus-path-list>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPathListIntrinsicProps {
  /**
   * Level of the heading (1–6) so it fits the page's outline.
   *
   * Attribute of the `headingLevel` property.
   */
  'heading-level'?: AttributeValue<NexusPathList['headingLevel']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPathList['themeUrl']>;
  /** Where the paths come from: `recommended`, `tags`, `search` or `category`. */
  source?: NexusPathList['source'];
  /** Tags (comma-separated), search text or category id, depending on `source`. */
  value?: NexusPathList['value'];
  /** Most paths to show. */
  limit?: NexusPathList['limit'];
  /** Heading text; defaults to one that fits the source. Set to an empty string for none. */
  label?: NexusPathList['label'];
  /**
   * Level of the heading (1–6) so it fits the page's outline.
   *
   * Property of the `heading-level` attribute.
   */
  headingLevel?: NexusPathList['headingLevel'];
  /** Paths to show instead of loading them (summaries, search hits or recommendations). */
  items?: NexusPathList['items'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusPathList['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusPathList['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusPathList['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPathList['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPathList['strings'];
  /** Listens to `nexus-path-select`: The person picked a path (cancelable). `<nexus-self-help>` opens it. */
  'onnexus-path-select'?: (event: NexusEvent<'nexus-path-select'>) => void;
  /** Listens to `nexus-error`: Loading failed; the list shows the error and a retry button. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-path-preview>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPathPreviewIntrinsicProps {
  /**
   * The tenant's theme stylesheet, as the customer elements take it.
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPathPreview['themeUrl']>;
  /**
   * The tenant's step-content theme stylesheet.
   *
   * Attribute of the `stepContentThemeUrl` property.
   */
  'step-content-theme-url'?: AttributeValue<NexusPathPreview['stepContentThemeUrl']>;
  /** The path to show (a draft's document, for example). */
  path?: NexusPathPreview['path'];
  /** The width it is shown at. */
  width?: NexusPathPreview['width'];
  /**
   * The tenant's step-content theme stylesheet.
   *
   * Property of the `step-content-theme-url` attribute.
   */
  stepContentThemeUrl?: NexusPathPreview['stepContentThemeUrl'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPathPreview['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPathPreview['strings'];
}

/** The JSX props of `<nexus-portal>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortal['themeUrl']>;
  /**
   * URL of the Nexus Cloud server, on the page's own origin (the sign-in is a cookie). Default:
   * the page's origin, as at `/portal/` on the server.
   */
  server?: NexusPortal['server'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortal['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortal['strings'];
  /** Listens to `nexus-portal-sign-in`: Someone signed in (or the browser's session was found): the account, its tenant and role. */
  'onnexus-portal-sign-in'?: (event: NexusEvent<'nexus-portal-sign-in'>) => void;
  /** Listens to `nexus-portal-sign-out`: The portal signed out: here, everywhere, or because the session ended. */
  'onnexus-portal-sign-out'?: (event: NexusEvent<'nexus-portal-sign-out'>) => void;
  /** Listens to `nexus-portal-navigate`: Another page is shown: its route. */
  'onnexus-portal-navigate'?: (event: NexusEvent<'nexus-portal-navigate'>) => void;
  /** Listens to `nexus-error`: Something failed (the portal says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-analytics>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalAnalyticsIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalAnalytics['themeUrl']>;
  /**
   * The range in the portal's address (`<first day>..<last day>`, from `#/analytics/<param>`):
   * shown when it is a valid range, and kept up to date as the range changes. Left undefined
   * (outside the portal), the page does not touch the address.
   */
  param?: NexusPortalAnalytics['param'];
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalAnalytics['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalAnalytics['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalAnalytics['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: A load or a download failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-audit>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalAuditIntrinsicProps {
  /**
   * Records per page: the first load, and each "Load more" (1–200).
   *
   * Attribute of the `pageSize` property.
   */
  'page-size'?: AttributeValue<NexusPortalAudit['pageSize']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalAudit['themeUrl']>;
  /**
   * Records per page: the first load, and each "Load more" (1–200).
   *
   * Property of the `page-size` attribute.
   */
  pageSize?: NexusPortalAudit['pageSize'];
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalAudit['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalAudit['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalAudit['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-branding>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalBrandingIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalBranding['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalBranding['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalBranding['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalBranding['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended. */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-categories>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalCategoriesIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalCategories['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalCategories['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalCategories['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalCategories['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-cobrowse>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalCobrowseIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalCobrowse['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalCobrowse['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalCobrowse['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalCobrowse['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-config>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalConfigIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalConfig['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalConfig['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalConfig['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalConfig['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: A change or the load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-path-editor>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalPathEditorIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalPathEditor['themeUrl']>;
  /** The id of the path edited (the route's parameter: `#/path/<id>`). */
  param?: NexusPortalPathEditor['param'];
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalPathEditor['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalPathEditor['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalPathEditor['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-paths>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalPathsIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalPaths['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalPaths['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalPaths['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalPaths['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-skills>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalSkillsIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalSkills['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalSkills['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalSkills['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalSkills['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-tokens>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalTokensIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalTokens['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalTokens['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalTokens['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalTokens['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-portal-users>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusPortalUsersIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusPortalUsers['themeUrl']>;
  /** The signed-in account's session; the page acts as this account. */
  session?: NexusPortalUsers['session'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusPortalUsers['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusPortalUsers['strings'];
  /** Listens to `nexus-portal-session-ended`: The server answered 401: the session ended (`<nexus-portal>` signs out). */
  'onnexus-portal-session-ended'?: (event: NexusEvent<'nexus-portal-session-ended'>) => void;
  /** Listens to `nexus-error`: An action or a load failed (the page says it too). */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-provider>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusProviderIntrinsicProps {
  /**
   * URL of a stylesheet for the HTML inside guided-path steps.
   *
   * Attribute of the `stepContentThemeUrl` property.
   */
  'step-content-theme-url'?: AttributeValue<NexusProvider['stepContentThemeUrl']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusProvider['themeUrl']>;
  /**
   * URL of a stylesheet for the HTML inside guided-path steps.
   *
   * Property of the `step-content-theme-url` attribute.
   */
  stepContentThemeUrl?: NexusProvider['stepContentThemeUrl'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusProvider['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusProvider['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusProvider['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusProvider['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusProvider['strings'];
  /** Listens to `nexus-error`: A background operation failed (for example context delivery) or the `server`/`token` pair is unusable. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-rich-text-editor>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusRichTextEditorIntrinsicProps {
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusRichTextEditor['themeUrl']>;
  /** The editor's accessible name. */
  label?: NexusRichTextEditor['label'];
  /** Uploads an image and answers its URL; without it, there is no Image button. */
  uploadImage?: NexusRichTextEditor['uploadImage'];
  /** The text as sanitized HTML. Setting it replaces the text (and is not an undoable change). */
  value?: NexusRichTextEditor['value'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusRichTextEditor['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusRichTextEditor['strings'];
  /** Listens to `nexus-editor-change`: The text changed: its sanitized HTML. */
  'onnexus-editor-change'?: (event: NexusEvent<'nexus-editor-change'>) => void;
  /** Listens to `nexus-error`: An image could not be uploaded. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-search>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusSearchIntrinsicProps {
  /**
   * Shows the label above the field (it is otherwise only announced).
   *
   * Attribute of the `labelVisible` property.
   */
  'label-visible'?: AttributeValue<NexusSearch['labelVisible']>;
  /**
   * Fewest characters (ignoring spaces around them) before suggestions are looked up.
   *
   * Attribute of the `minLength` property.
   */
  'min-length'?: AttributeValue<NexusSearch['minLength']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusSearch['themeUrl']>;
  /** Accessible name of the field; the strings catalogue's `searchLabel` by default. */
  label?: NexusSearch['label'];
  /**
   * Shows the label above the field (it is otherwise only announced).
   *
   * Property of the `label-visible` attribute.
   */
  labelVisible?: NexusSearch['labelVisible'];
  /** Hint shown in the empty field; the strings catalogue's `searchPlaceholder` by default. */
  placeholder?: NexusSearch['placeholder'];
  /** Only suggest paths carrying any of these tags (comma-separated). */
  tags?: NexusSearch['tags'];
  /** Most suggestions to show. */
  limit?: NexusSearch['limit'];
  /**
   * Fewest characters (ignoring spaces around them) before suggestions are looked up.
   *
   * Property of the `min-length` attribute.
   */
  minLength?: NexusSearch['minLength'];
  /** Pause in typing, in milliseconds, before suggestions are looked up. */
  debounce?: NexusSearch['debounce'];
  /** The text in the field; follows what the person types. */
  value?: NexusSearch['value'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusSearch['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusSearch['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusSearch['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusSearch['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusSearch['strings'];
  /** Listens to `nexus-search`: Results arrived for what was typed (`submitted: false`), or the person submitted the search (`submitted: true`). */
  'onnexus-search'?: (event: NexusEvent<'nexus-search'>) => void;
  /** Listens to `nexus-path-select`: The person picked a suggestion (cancelable). `<nexus-self-help>` opens it. */
  'onnexus-path-select'?: (event: NexusEvent<'nexus-path-select'>) => void;
  /** Listens to `nexus-error`: A search failed; the suggestions show the error and a retry button. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/** The JSX props of `<nexus-self-help>`: its attributes, its properties (React 19 sets a prop the element has as a property) and its events (`on<event-name>`). */
export interface NexusSelfHelpIntrinsicProps {
  /**
   * What `search-value` is: `helpid`, `tags` or `text`. Without it, paths are recommendations.
   *
   * Attribute of the `searchType` property.
   */
  'search-type'?: AttributeValue<NexusSelfHelp['searchType']>;
  /**
   * A help-id, comma-separated tags, or search text, as `search-type` says.
   *
   * Attribute of the `searchValue` property.
   */
  'search-value'?: AttributeValue<NexusSelfHelp['searchValue']>;
  /**
   * Which sections to show and in what order: any of `search`, `categories`, `paths`,
   * `contact-us` (`contact_us` is accepted too), comma-separated. All four by default.
   * `sections`, when set, takes its place.
   *
   * Attribute of the `displayOrder` property.
   */
  'display-order'?: AttributeValue<NexusSelfHelp['displayOrder']>;
  /**
   * `cobrowse` (default) or `remote`, passed on with live-help requests.
   *
   * Attribute of the `remoteConnectionType` property.
   */
  'remote-connection-type'?: AttributeValue<NexusSelfHelp['remoteConnectionType']>;
  /**
   * Level of the section headings (1–6).
   *
   * Attribute of the `headingLevel` property.
   */
  'heading-level'?: AttributeValue<NexusSelfHelp['headingLevel']>;
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Attribute of the `themeUrl` property.
   */
  'theme-url'?: AttributeValue<NexusSelfHelp['themeUrl']>;
  /**
   * What `search-value` is: `helpid`, `tags` or `text`. Without it, paths are recommendations.
   *
   * Property of the `search-type` attribute.
   */
  searchType?: NexusSelfHelp['searchType'];
  /**
   * A help-id, comma-separated tags, or search text, as `search-type` says.
   *
   * Property of the `search-value` attribute.
   */
  searchValue?: NexusSelfHelp['searchValue'];
  /**
   * Which sections to show and in what order: any of `search`, `categories`, `paths`,
   * `contact-us` (`contact_us` is accepted too), comma-separated. All four by default.
   * `sections`, when set, takes its place.
   *
   * Property of the `display-order` attribute.
   */
  displayOrder?: NexusSelfHelp['displayOrder'];
  /**
   * The sections that show, in order. Reading it gives what `display-order` says, parsed, unless
   * it was set. Setting it to a list of section names (`search`, `categories`, `paths`,
   * `contact-us`; an empty list means all four) takes the place of `display-order`, for code
   * that already holds the list, such as the SDK; `undefined` gives the choice back to
   * `display-order`. In markup, the `sections` attribute takes the list as a JSON array.
   */
  sections?: NexusSelfHelp['sections'];
  /** Phone number for the contact-us call option. */
  phone?: NexusSelfHelp['phone'];
  /** Agent skill queue for the contact-us chat option. */
  skill?: NexusSelfHelp['skill'];
  /**
   * `cobrowse` (default) or `remote`, passed on with live-help requests.
   *
   * Property of the `remote-connection-type` attribute.
   */
  remoteConnectionType?: NexusSelfHelp['remoteConnectionType'];
  /**
   * Level of the section headings (1–6).
   *
   * Property of the `heading-level` attribute.
   */
  headingLevel?: NexusSelfHelp['headingLevel'];
  /** URL of the Nexus Cloud server. With `token`, this element uses its own client. */
  server?: NexusSelfHelp['server'];
  /** Application token (JWT). With `server`, this element uses its own client. */
  token?: NexusSelfHelp['token'];
  /**
   * The client this element works with. Assign a `NexusClient` you created yourself (custom
   * storage, consumer key...) to use it here and in the elements inside; it takes precedence
   * over `server`/`token` and over providers.
   */
  client?: NexusSelfHelp['client'];
  /**
   * URL of a theme stylesheet applied inside this element. On the customer-side elements it wins
   * over the client's theme (the page's `setBranding()` or provider `theme-url`, else the
   * tenant's portal theme).
   *
   * Property of the `theme-url` attribute.
   */
  themeUrl?: NexusSelfHelp['themeUrl'];
  /**
   * Overrides of user-facing strings for this element (see the strings catalogue). They win over
   * the locale's catalogue and, on the customer-side elements, over the page's `setStrings()` and
   * the tenant's portal strings.
   */
  strings?: NexusSelfHelp['strings'];
  /** Listens to `nexus-height-change`: The content height changed (for hosts that size a frame or container to it). */
  'onnexus-height-change'?: (event: NexusEvent<'nexus-height-change'>) => void;
  /** Listens to `nexus-search`: Bubbles from the search box: results arrived, or the person submitted the search. */
  'onnexus-search'?: (event: NexusEvent<'nexus-search'>) => void;
  /** Listens to `nexus-category-select`: Bubbles from the categories: the person opened one (cancelable). */
  'onnexus-category-select'?: (event: NexusEvent<'nexus-category-select'>) => void;
  /** Listens to `nexus-path-select`: Bubbles from the inner elements; the default opens the path (cancel it to handle paths yourself). */
  'onnexus-path-select'?: (event: NexusEvent<'nexus-path-select'>) => void;
  /** Listens to `nexus-path-open`: Bubbles from the guided path: a path was opened and its first step shown. */
  'onnexus-path-open'?: (event: NexusEvent<'nexus-path-open'>) => void;
  /** Listens to `nexus-step-change`: Bubbles from the guided path: another step is shown. */
  'onnexus-step-change'?: (event: NexusEvent<'nexus-step-change'>) => void;
  /** Listens to `nexus-resolved`: Bubbles from the guided path: the person said it solved the problem. */
  'onnexus-resolved'?: (event: NexusEvent<'nexus-resolved'>) => void;
  /** Listens to `nexus-escalate`: Bubbles from the guided path: the person needs more help. */
  'onnexus-escalate'?: (event: NexusEvent<'nexus-escalate'>) => void;
  /** Listens to `nexus-live-help-request`: Bubbles from contact us (cancelable). */
  'onnexus-live-help-request'?: (event: NexusEvent<'nexus-live-help-request'>) => void;
  /** Listens to `nexus-error`: An inner element failed, or the attributes are invalid. */
  'onnexus-error'?: (event: NexusEvent<'nexus-error'>) => void;
}

/**
 * Every Nexus Connect tag as a JSX intrinsic element. `nexus-connect/react` adds these to React's
 * `JSX.IntrinsicElements`; another JSX library can extend its own with them. The element must be
 * registered (`import 'nexus-connect/elements/self-help'`, or a browser bundle) before React
 * renders it, so that props go to its properties.
 */
export interface NexusIntrinsicElements {
  'nexus-agent-console': ElementProps<HTMLElementTagNameMap['nexus-agent-console'], NexusAgentConsoleIntrinsicProps>;
  'nexus-categories': ElementProps<HTMLElementTagNameMap['nexus-categories'], NexusCategoriesIntrinsicProps>;
  'nexus-chat': ElementProps<HTMLElementTagNameMap['nexus-chat'], NexusChatIntrinsicProps>;
  'nexus-cobrowse-code': ElementProps<HTMLElementTagNameMap['nexus-cobrowse-code'], NexusCobrowseCodeIntrinsicProps>;
  'nexus-cobrowse-consent': ElementProps<HTMLElementTagNameMap['nexus-cobrowse-consent'], NexusCobrowseConsentIntrinsicProps>;
  'nexus-cobrowse-player': ElementProps<HTMLElementTagNameMap['nexus-cobrowse-player'], NexusCobrowsePlayerIntrinsicProps>;
  'nexus-confirm-dialog': ElementProps<HTMLElementTagNameMap['nexus-confirm-dialog'], NexusConfirmDialogIntrinsicProps>;
  'nexus-contact-us': ElementProps<HTMLElementTagNameMap['nexus-contact-us'], NexusContactUsIntrinsicProps>;
  'nexus-data-table': ElementProps<HTMLElementTagNameMap['nexus-data-table'], NexusDataTableIntrinsicProps>;
  'nexus-day-chart': ElementProps<HTMLElementTagNameMap['nexus-day-chart'], NexusDayChartIntrinsicProps>;
  'nexus-guided-path': ElementProps<HTMLElementTagNameMap['nexus-guided-path'], NexusGuidedPathIntrinsicProps>;
  'nexus-live-help': ElementProps<HTMLElementTagNameMap['nexus-live-help'], NexusLiveHelpIntrinsicProps>;
  'nexus-overlay': ElementProps<HTMLElementTagNameMap['nexus-overlay'], NexusOverlayIntrinsicProps>;
  'nexus-path-list': ElementProps<HTMLElementTagNameMap['nexus-path-list'], NexusPathListIntrinsicProps>;
  'nexus-path-preview': ElementProps<HTMLElementTagNameMap['nexus-path-preview'], NexusPathPreviewIntrinsicProps>;
  'nexus-portal': ElementProps<HTMLElementTagNameMap['nexus-portal'], NexusPortalIntrinsicProps>;
  'nexus-portal-analytics': ElementProps<HTMLElementTagNameMap['nexus-portal-analytics'], NexusPortalAnalyticsIntrinsicProps>;
  'nexus-portal-audit': ElementProps<HTMLElementTagNameMap['nexus-portal-audit'], NexusPortalAuditIntrinsicProps>;
  'nexus-portal-branding': ElementProps<HTMLElementTagNameMap['nexus-portal-branding'], NexusPortalBrandingIntrinsicProps>;
  'nexus-portal-categories': ElementProps<HTMLElementTagNameMap['nexus-portal-categories'], NexusPortalCategoriesIntrinsicProps>;
  'nexus-portal-cobrowse': ElementProps<HTMLElementTagNameMap['nexus-portal-cobrowse'], NexusPortalCobrowseIntrinsicProps>;
  'nexus-portal-config': ElementProps<HTMLElementTagNameMap['nexus-portal-config'], NexusPortalConfigIntrinsicProps>;
  'nexus-portal-path-editor': ElementProps<HTMLElementTagNameMap['nexus-portal-path-editor'], NexusPortalPathEditorIntrinsicProps>;
  'nexus-portal-paths': ElementProps<HTMLElementTagNameMap['nexus-portal-paths'], NexusPortalPathsIntrinsicProps>;
  'nexus-portal-skills': ElementProps<HTMLElementTagNameMap['nexus-portal-skills'], NexusPortalSkillsIntrinsicProps>;
  'nexus-portal-tokens': ElementProps<HTMLElementTagNameMap['nexus-portal-tokens'], NexusPortalTokensIntrinsicProps>;
  'nexus-portal-users': ElementProps<HTMLElementTagNameMap['nexus-portal-users'], NexusPortalUsersIntrinsicProps>;
  'nexus-provider': ElementProps<HTMLElementTagNameMap['nexus-provider'], NexusProviderIntrinsicProps>;
  'nexus-rich-text-editor': ElementProps<HTMLElementTagNameMap['nexus-rich-text-editor'], NexusRichTextEditorIntrinsicProps>;
  'nexus-search': ElementProps<HTMLElementTagNameMap['nexus-search'], NexusSearchIntrinsicProps>;
  'nexus-self-help': ElementProps<HTMLElementTagNameMap['nexus-self-help'], NexusSelfHelpIntrinsicProps>;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends NexusIntrinsicElements {}
  }
}
