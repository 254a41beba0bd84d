/**
 * The English catalogue: every user-facing string of the elements. It is also the fallback of
 * every other locale. `{name}` placeholders are filled from the values passed to `msg()`, numbers
 * formatted for the locale; `{count, plural, one {# guide} other {# guides}}` picks a form by the
 * locale's plural rules (`#` is the number). See docs/theming.md for the keys and how overrides
 * stack up.
 */
export const defaultStrings = {
  loading: 'Loading…',
  retry: 'Try again',
  errorNetwork: 'We could not reach the support service. Check your connection and try again.',
  errorUnauthorized: 'This help widget is not authorized (its application token was refused).',
  errorNotFound: 'We could not find that help topic.',
  errorGeneric: 'Something went wrong while loading help.',
  errorConfig: 'This help widget is not configured: it needs a server and an application token.',

  searchLabel: 'Search help',
  searchPlaceholder: 'Describe your problem',
  searchSubmit: 'Search',
  searchClear: 'Clear search',
  searching: 'Searching…',
  searchNoResults: 'No help topics match “{query}”.',
  searchResultCount: '{count} help topics found',
  searchResultCountOne: '1 help topic found',
  searchResultsFor: 'Results for “{query}”',
  searchSuggestions: 'Suggested help topics',
  searchResultsClear: 'Back to suggestions',

  categoriesHeading: 'Browse by topic',
  categoriesEmpty: 'There are no help topics yet.',
  categoryPathCount: '{count} guides',
  categoryPathCountOne: '1 guide',
  categoryBack: 'All topics',

  pathsRecommended: 'Recommended for you',
  pathsForTags: 'Related help',
  pathsEmpty: 'There are no help topics here yet.',
  pathSteps: '{count} steps',
  pathStepsOne: '1 step',

  guidedPath: 'Guided path',
  guideProgress: 'Step {current} of {total}',
  guideBack: 'Back',
  guideNext: 'Next',
  guideRestart: 'Start over',
  guideChoose: 'Choose an answer',
  guideSolvedQuestion: 'Did this solve your problem?',
  guideSolvedYes: 'Yes, it’s solved',
  guideSolvedNo: 'No, I still need help',
  guideResolvedTitle: 'Great, you’re all set!',
  guideResolvedBody: 'Thanks for letting us know.',
  guideEscalateTitle: 'Let’s get you to a person',
  guideEscalateBody: 'Our support team can take it from here.',
  guideClose: 'Back to help',

  contactHeading: 'Still need help?',
  contactChat: 'Chat with us',
  contactCall: 'Call us',
  contactCallNumber: 'Call {phone}',
  contactCallHint: 'Our team is ready to help by phone.',
  contactChatUnavailable: 'Chat is not available on this page right now. Please try another way to reach us.',

  // The overlay of the NexusConnectSDK script, when a call has no container
  overlayLabel: 'Help',
  overlayClose: 'Close',

  // Live help (<nexus-live-help>)
  liveHeading: 'Talk to a person',
  liveChoose: 'How would you like to reach us?',
  liveChat: 'Chat with an agent',
  liveCall: 'Call us',
  liveCallTitle: 'Call us',
  liveCallStep1: 'Call {phone}',
  liveCallStep2: 'Provide the agent with this connection code:',
  liveCallStep2Ivr: 'When prompted, enter this connection code:',
  liveCallCodeLabel: 'Connection code',
  liveCallWaiting: 'Once an agent picks up your call, this window turns into a chat.',
  liveCancel: 'Cancel',
  liveConnecting: 'Connecting you to support…',
  liveNotConfigured: 'Live help is not set up here: it needs a skill for chat or a phone number for calls.',
  liveRemoteHint: 'An agent may ask to connect to your computer; you will be asked first.',

  // Chat (<nexus-chat>)
  chatLabel: 'Chat with support',
  chatStart: 'Start chat',
  chatStarting: 'Starting the chat…',
  chatWaiting: 'Waiting for an agent…',
  chatQueuePosition: 'You are number {position} in line.',
  chatQueueNext: 'You are next in line.',
  chatWaitMinutes: 'Estimated wait: about {minutes} min.',
  chatWaitUnderMinute: 'Estimated wait: less than a minute.',
  chatAgentJoined: '{name} joined the chat.',
  chatAgentLeft: '{name} left the chat.',
  chatAgentTyping: '{name} is typing…',
  chatAgent: 'Agent',
  chatYou: 'You',
  chatComposerLabel: 'Your message',
  chatComposerPlaceholder: 'Type a message',
  chatSend: 'Send',
  chatAttach: 'Attach a file',
  chatUploading: 'Uploading {name}: {percent}%',
  chatUploadCancel: 'Cancel upload',
  chatSending: 'Sending…',
  chatSent: 'Sent',
  chatSeen: 'Seen',
  chatFailed: 'Not sent: {reason}',
  chatFile: 'File: {name} ({size})',
  chatEnd: 'End chat',
  chatEndConfirm: 'End this chat?',
  chatEndYes: 'End chat',
  chatEndNo: 'Keep chatting',
  chatEnded: 'The chat has ended.',
  chatEndedByAgent: 'The agent ended the chat.',
  chatConnectionLost: 'Connection lost. Reconnecting…',
  chatConnectionFound: 'You are connected again.',
  chatRateHeading: 'How was your chat?',
  chatRateScore: '{score} of 5',
  chatRateResolved: 'Did we solve your problem?',
  chatRateYes: 'Yes',
  chatRateNo: 'No',
  chatRateComment: 'Anything else to tell us? (optional)',
  chatRateSubmit: 'Send feedback',
  chatRateThanks: 'Thank you for your feedback.',
  chatTranscriptLabel: 'Email me a copy of this chat',
  chatTranscriptSend: 'Send copy',
  chatTranscriptSent: 'A copy is on its way to {email}.',
  chatNew: 'Start a new chat',
  chatError: 'The chat could not be started.',

  // ---- Agent console (<nexus-agent-console>, src/agent/console) ----
  agentConsoleLabel: 'Agent console',
  agentSignInHeading: 'Sign in to the agent console',
  agentSignInHint: 'Paste your agent token. It is kept only in this page and sent only to {server}.',
  agentTokenLabel: 'Agent token',
  agentSignIn: 'Sign in',
  agentSigningIn: 'Signing in…',
  agentSignOut: 'Sign out',
  agentSignedInAs: 'Signed in as {name}',
  agentTokenRefused: 'The server refused this agent token (401). Check the token and sign in again.',
  agentTokenNotAgent: 'This is not an agent token (403). Paste the token of an agent, not an application token.',
  agentNoServer: 'This console has no server: set its server attribute to the Nexus Cloud URL.',
  agentErrorNetwork: 'The support server could not be reached. Check the connection and try again.',
  agentErrorGeneric: 'Something went wrong: {message}',
  agentErrorTaken: 'Another agent has already taken this session.',
  agentErrorEnded: 'This session has already ended.',
  agentErrorNotFound: 'This session no longer exists.',
  agentAvailable: 'Available',
  agentAway: 'Away',
  agentAvailabilityLabel: 'Available for new chats',
  agentConnectionLost: 'Connection to the server lost. Reconnecting…',
  agentConnectionFound: 'Connected again.',
  agentOffersLabel: 'Incoming requests',
  agentOfferChat: 'New chat request for {skill}.',
  agentOfferCall: 'New call for {skill}.',
  agentOfferGeneral: 'the general queue',
  agentOfferExpires: 'Expires in {seconds} s',
  agentOfferAccept: 'Accept',
  agentOfferDismiss: 'Dismiss',
  agentAccepting: 'Accepting…',
  agentSessionsHeading: 'Sessions',
  agentSessionsLabel: 'Sessions, newest first',
  agentSessionsEmpty: 'No sessions match these filters.',
  agentSessionsCount: '{count} sessions',
  agentSessionsCountOne: '1 session',
  agentFiltersLabel: 'Filter sessions',
  agentFilterState: 'State',
  agentFilterSkill: 'Skill',
  agentFilterKind: 'Kind',
  agentFilterOpen: 'Open',
  agentFilterAll: 'All',
  agentFilterAnySkill: 'Any skill',
  agentFilterAnyKind: 'Chats and calls',
  agentStateQueued: 'Waiting',
  agentStateAssigned: 'Offered',
  agentStateActive: 'Active',
  agentStateEnded: 'Ended',
  agentKindChat: 'Chat',
  agentKindCall: 'Call',
  agentNoSkill: 'General',
  agentCodeLabel: 'Connection code',
  agentCodeHint: 'The 6 digits the caller reads out.',
  agentCodeFind: 'Find',
  agentCodeInvalid: 'A connection code is 6 digits.',
  agentCodeNotFound: 'No open session has the code {code}.',
  agentCodeFound: 'Found the call with code {code}.',
  agentSessionCode: 'Code {code}',
  agentUnread: '{count} new',
  agentMine: 'Yours',
  agentHandledBy: 'Handled by {name}',
  agentNoSelection: 'Select a session to see the conversation.',
  agentChatLabel: 'Conversation',
  agentTranscriptLabel: 'Messages',
  agentTranscriptEmpty: 'No messages yet.',
  agentCustomer: 'Customer',
  agentYou: 'You',
  agentAgent: 'Agent',
  agentSystem: 'System',
  agentJoined: '{name} joined.',
  agentLeft: '{name} left.',
  agentStateChanged: 'Session is now: {state}.',
  agentRated: 'The customer rated the session {score} of 5.',
  agentFileLabel: 'File: {name} ({size})',
  agentFileUnavailable: '{name} ({size}, no download link)',
  agentCustomerTyping: 'The customer is typing…',
  agentSeen: 'Seen',
  agentSending: 'Sending…',
  agentNotSent: 'Not sent.',
  agentResend: 'Send again',
  agentComposerLabel: 'Reply',
  agentComposerHint: 'Enter sends, Shift+Enter adds a line.',
  agentSend: 'Send',
  agentAccept: 'Accept',
  agentAcceptHint: 'Accept this session to reply.',
  agentEnd: 'End session',
  agentEndConfirm: 'End this session? The customer is told that it ended.',
  agentEndYes: 'End session',
  agentEndNo: 'Cancel',
  agentEndedByCustomer: 'The customer ended the session.',
  agentEndedByAgent: 'The session was ended by an agent.',
  agentEndedBySystem: 'The system ended the session.',
  agentNewMessage: 'New message in {session}.',
  agentDetailsLabel: 'Customer details',
  agentRefresh: 'Refresh details',
  agentIdentity: 'Customer',
  agentAnonymous: 'Anonymous customer',
  agentName: 'Name',
  agentEmail: 'Email',
  agentPhone: 'Phone',
  agentExternalId: 'Customer id',
  agentConsumerKey: 'Visitor key',
  agentOrigin: 'Came from',
  agentOriginPath: 'Guided path',
  agentOriginStep: 'Step',
  agentOriginHelpId: 'Help id',
  agentOriginPage: 'Page',
  agentOriginNone: 'No guided path: the customer asked for help directly.',
  agentSessionData: 'Session data',
  agentSessionDataEmpty: 'No session data.',
  agentContextLog: 'Context log',
  agentContextEmpty: 'Nothing logged yet.',
  agentContextAction: 'Action',
  agentContextDevice: 'Device',
  agentContextContent: 'Content',
  agentActivity: 'Guided-path activity',
  agentActivityEmpty: 'No guided paths followed.',
  agentActivityStarted: 'Started',
  agentActivityStep: 'At step',
  agentActivityResolved: 'Resolved',
  agentActivityEscalated: 'Asked for a person',
} as const;

/** A key of the string catalogue. */
export type StringKey = keyof typeof defaultStrings;
/** Some strings of the catalogue, by key: the shape of every override. */
export type Strings = Partial<Record<StringKey, string>>;
/** A complete catalogue: every key, so that a locale missing one does not compile. */
export type Catalogue = Record<StringKey, string>;
/**
 * String overrides by locale: a BCP 47 tag (`fr`, `es-MX`) or `*` for every locale. A tag also
 * covers its regions (`es` applies to `es-MX`); the most specific tag wins.
 */
export type StringOverrides = Readonly<Record<string, Strings>>;

/** A locale the elements can show: its language tag, writing direction and strings. */
export interface LocaleDefinition {
  /** BCP 47 language tag, for example `fr` or `pt-BR`. */
  lang: string;
  /** Writing direction of the language (default: `rtl` for Arabic, Hebrew, Persian, Urdu…, else `ltr`). */
  dir?: 'ltr' | 'rtl';
  /** The strings; missing keys fall back to the language without its region, then to English. */
  strings: Strings;
}

const locales = new Map<string, LocaleDefinition>();
const pageStrings: Record<string, Strings> = {};
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

/** Calls `listener` whenever locales or page strings change; returns the unsubscribe function. */
export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The canonical form of a language tag (`EN-us` → `en-US`), or `en` for something that is not one. */
export function canonicalLang(tag: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(tag || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A tag and its shorter forms, lower-case, most specific first: `es-MX` → `es-mx`, `es`. */
export function langChain(lang: string): string[] {
  const parts = lang.toLowerCase().split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('-'));
}

/**
 * Makes a locale available to every element (the shipped ones load on demand; this makes one
 * ready at once, or adds another language). Registering a tag again replaces it.
 */
export function registerLocale(locale: LocaleDefinition): void {
  if (!locale || typeof locale.lang !== 'string' || typeof locale.strings !== 'object') {
    throw new TypeError('registerLocale() takes { lang, strings, dir? }');
  }
  locales.set(canonicalLang(locale.lang).toLowerCase(), locale);
  notify();
}

/** Whether strings for this language (or its base language) are registered; English always is. */
export function hasLocale(lang: string): boolean {
  return langChain(lang).some((tag) => tag === 'en' || locales.has(tag));
}

/** Writing direction of a language: the registered locale's, else by its script. */
export function langDir(lang: string): 'ltr' | 'rtl' {
  for (const tag of langChain(lang)) {
    const dir = locales.get(tag)?.dir;
    if (dir) return dir;
  }
  return /^(ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|ps|sd|ug|ur|yi)(-|$)/i.test(lang) ? 'rtl' : 'ltr';
}

/**
 * Overrides strings for every element on the page, merged with earlier overrides; elements
 * re-render. With `lang` (`fr`, `es-MX`) they apply only where the element's locale is that
 * language (or a region of it); without, in every locale. A key set to `undefined` drops the
 * page's override of it.
 */
export function setStrings(strings: Strings, lang = '*'): void {
  const tag = lang === '*' ? lang : canonicalLang(lang).toLowerCase();
  pageStrings[tag] = { ...pageStrings[tag], ...strings };
  notify();
}

const pluralCache = new Map<string, Intl.PluralRules>();
const numberCache = new Map<string, Intl.NumberFormat>();
const cached = <T>(cache: Map<string, T>, lang: string, make: () => T): T => {
  let value = cache.get(lang);
  if (!value) cache.set(lang, (value = make()));
  return value;
};

/** A number written for the locale. */
export function formatNumber(n: number, lang = 'en'): string {
  return cached(numberCache, lang, () => new Intl.NumberFormat(lang)).format(n);
}

function pluralCategory(n: number, lang: string): string {
  return cached(pluralCache, lang, () => new Intl.PluralRules(lang)).select(n);
}

/** The first value of `key` in an override layer, most specific tag first, then `*`. */
function fromLayer(layer: StringOverrides | undefined, chain: string[], key: StringKey): string | undefined {
  if (!layer) return undefined;
  for (const tag of [...chain, '*']) {
    const value = layer[tag]?.[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The template of a key before its placeholders are filled: element overrides, then the page's
 * (`setStrings`), then the tenant's (portal branding), then the locale's catalogue, then English.
 */
export function template(key: StringKey, local: Strings = {}, lang = 'en', tenant?: StringOverrides): string {
  const chain = langChain(lang);
  const own = local[key];
  if (typeof own === 'string') return own;
  const overridden = fromLayer(pageStrings, chain, key) ?? fromLayer(tenant, chain, key);
  if (overridden !== undefined) return overridden;
  for (const tag of chain) {
    const value = locales.get(tag)?.strings[key];
    if (typeof value === 'string') return value;
  }
  return defaultStrings[key];
}

const PLACEHOLDER = /\{(\w+)(?:\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*))?\}/g;

/** Fills `{name}` and `{name, plural, …}` placeholders; unknown names stay as they are. */
export function fill(text: string, values: Record<string, string | number>, lang = 'en'): string {
  return text.replace(PLACEHOLDER, (whole, name: string, forms?: string) => {
    if (!(name in values)) return whole;
    const value = values[name];
    if (forms === undefined) return typeof value === 'number' ? formatNumber(value, lang) : String(value);
    const n = Number(value);
    const branches: Record<string, string> = {};
    for (const [, selector, branch] of forms.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)) branches[selector] = branch;
    const branch = branches[`=${n}`] ?? branches[pluralCategory(n, lang)] ?? branches.other ?? '';
    return branch.replace(/#/g, formatNumber(n, lang));
  });
}

/** Looks a string up (see `template` for the order) and fills its placeholders. */
export function msg(
  key: StringKey,
  values: Record<string, string | number> = {},
  local: Strings = {},
  lang = 'en',
  tenant?: StringOverrides,
): string {
  return fill(template(key, local, lang, tenant), values, lang);
}

/**
 * A count string: `oneKey` where the locale's plural rules say "one" (1 in English; 0 and 1 in
 * French, when that string has a `{count}`), else `key`, whose template may hold a plural form.
 */
export function count(
  key: StringKey,
  oneKey: StringKey,
  n: number,
  local: Strings = {},
  lang = 'en',
  tenant?: StringOverrides,
): string {
  const one = template(oneKey, local, lang, tenant);
  const useOne = pluralCategory(n, lang) === 'one' && (n === 1 || one.includes('{count'));
  return fill(useOne ? one : template(key, local, lang, tenant), { count: n }, lang);
}
