/**
 * Every user-facing string of the elements, in one catalogue. Pages override any of them with
 * `setStrings({ ... })` (or per element with the `strings` property). `{name}` placeholders are
 * filled from the values passed to `msg()`.
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
} as const;

export type StringKey = keyof typeof defaultStrings;
export type Strings = Partial<Record<StringKey, string>>;

let overrides: Strings = {};

/** Overrides strings for every element on the page (merged with earlier overrides). */
export function setStrings(strings: Strings): void {
  overrides = { ...overrides, ...strings };
}

/** Looks a string up (element overrides, then page overrides, then defaults) and fills placeholders. */
export function msg(key: StringKey, values: Record<string, string | number> = {}, local: Strings = {}): string {
  const template = local[key] ?? overrides[key] ?? defaultStrings[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Picks the singular or plural form of a count string. */
export function count(key: StringKey, oneKey: StringKey, n: number, local: Strings = {}): string {
  return n === 1 ? msg(oneKey, { count: n }, local) : msg(key, { count: n }, local);
}
