/**
 * The privacy rules of co-browse, applied in the customer's page before any event leaves it.
 * Part of the recorder's chunk (./cobrowse-recorder.ts).
 *
 * - **Blocked** (never captured; the agent sees an empty box): `[data-nexus-redact]`, hidden and
 *   file inputs, and every card field: an `input`, `select` or `textarea` whose `autocomplete`
 *   attribute has a card field name (`cc-number`, `cc-exp-month`…) among its tokens.
 * - **Masked**: a masked value is always the same fixed string, `MASK`, whatever it was, so the
 *   agent learns neither its length nor which option was chosen; only whether a text field is
 *   empty. Every field when `maskAllInputs` is on (the default); otherwise passwords and fields
 *   whose autocomplete says `current-password`, `new-password` or `one-time-code`. A masked
 *   `<select>` is masked with its options: its value, every option's value, label and text are
 *   the mask and no option is marked selected. Text of the elements matched by the mask-text
 *   selectors is the mask too (one per text node).
 * - **Changes while sharing**: a masked field's input event (and a `value` attribute a framework
 *   writes) is sent only when what the agent sees changes, i.e. between empty and filled: never
 *   once per keystroke, so neither the count nor the timing of keystrokes shows. A text
 *   selection inside masked text is not sent (its offsets would tell the length).
 *
 * autocomplete tokens (HTML standard): space-separated, ASCII case-insensitive, in the order
 * `section-*`, `shipping`/`billing`, a contact type, the field name, `webauthn`. A field is
 * matched when any of its tokens is the name, whatever the others and their order, so a
 * malformed value that still names a card field is blocked too (it errs towards blocking).
 * CSS `[autocomplete~="cc-number" i]` is exactly that match: a whitespace-separated word,
 * compared ASCII case-insensitively. `cc-numberx` or `section-cc-number` are other tokens.
 *
 * Most of it is rrweb's own options (`blockSelector`, `maskInputOptions`, `maskInputFn`,
 * `maskTextFn`); `filter()` then fixes, in each event, what rrweb 2.1 sends in clear anyway.
 */

import { FULL_SNAPSHOT, INCREMENTAL_SNAPSHOT, INPUT, MUTATION, SELECTION } from './rrweb-events.js';

/** What every masked value and masked text becomes. */
export const MASK = '********';

/** Card field names of the autocomplete attribute: such fields are blocked. */
export const CARD_FIELDS = [
  'cc-name', 'cc-given-name', 'cc-additional-name', 'cc-family-name',
  'cc-number', 'cc-exp', 'cc-exp-month', 'cc-exp-year', 'cc-csc', 'cc-type',
] as const;

/** Other autocomplete field names whose values are masked even with `maskAllInputs` off. */
export const SECRET_FIELDS = ['current-password', 'new-password', 'one-time-code'] as const;

/** A selector of the form controls whose autocomplete attribute has one of `names` as a token. */
export function autofillSelector(names: readonly string[]): string {
  return ['input', 'select', 'textarea'].flatMap((tag) => names.map((name) => `${tag}[autocomplete~="${name}" i]`)).join(',');
}

/** Elements never captured, whatever the options. */
export const ALWAYS_BLOCKED: readonly string[] = [
  '[data-nexus-redact]',
  // Hidden inputs often carry tokens, and rrweb's input masking does not cover them; a file
  // input's value is the chosen file's name.
  'input[type="hidden" i]',
  'input[type="file" i]',
  autofillSelector(CARD_FIELDS),
];

/** Fields masked whatever `maskAllInputs` says (rrweb marks a password shown as text `data-rr-is-password`). */
const ALWAYS_MASKED = `input[type="password" i],[data-rr-is-password],${autofillSelector(SECRET_FIELDS)}`;

/** Input types whose value rrweb may mask (others: checkable, buttons, or blocked above). */
const TEXT_TYPES = ['color', 'date', 'datetime-local', 'email', 'month', 'number', 'password', 'range', 'search', 'tel', 'text', 'time', 'url', 'week'];
/** Input types whose `value` is a constant of the page (a label, the value sent when checked). */
const CONSTANT_VALUE = /^(?:radio|checkbox|submit|button|reset|image)$/i;

/** Choices: a masked select, a datalist, and everything inside them. */
const CHOICES = 'select,datalist';

// rrweb's numbers for nodes (its event numbers are in ./rrweb-events.ts).
const ELEMENT = 2;
const TEXT = 3;

interface Serialized {
  id: number;
  type: number;
  tagName?: string;
  textContent?: string;
  attributes?: Record<string, unknown>;
  childNodes?: Serialized[];
}
type Attributes = Record<string, unknown>;
interface MutationData {
  adds: { parentId: number; node: Serialized }[];
  removes: unknown[];
  texts: { id: number; value: string | null }[];
  attributes: { id: number; attributes: Attributes }[];
}

/** What of the recorder these rules need: its node for an id. */
export interface NodeLookup {
  getNode(id: number): Node | null;
}

// Node types, not instanceof: a same-origin iframe's elements come from another window.
const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === 1;
const elementOf = (node: Node | null | undefined): Element | null => (!node ? null : isElement(node) ? node : node.parentElement);

const isBlank = (text: string) => !/\S/.test(text);

export class PrivacyRules {
  /** The selector of elements never captured: the built-in ones and `blockSelectors`. */
  readonly blockSelector: string;
  /** The selector of elements whose text is masked (undefined: none). */
  readonly maskTextSelector: string | undefined;
  /** The last input event sent per node, to drop repeats. */
  private readonly lastInput = new Map<number, string>();
  /** The `value` attribute last sent per masked field, to drop repeats. */
  private readonly lastValue = new Map<number, string>();

  constructor(
    private readonly maskAll: boolean,
    blockSelectors: readonly string[],
    maskTextSelectors: readonly string[],
    private readonly nodes: NodeLookup,
  ) {
    // A customizable select (`appearance: base-select`) copies the chosen option's markup into
    // its <selectedcontent>: blocked (and sent without its size, below) when selects are masked.
    this.blockSelector = [...ALWAYS_BLOCKED, ...(maskAll ? ['select selectedcontent'] : []), ...blockSelectors].join(', ');
    this.maskTextSelector = maskTextSelectors.length ? maskTextSelectors.join(', ') : undefined;
  }

  /** rrweb's record options that carry these rules. */
  recordOptions() {
    const maskInputOptions: Record<string, boolean> = Object.fromEntries(TEXT_TYPES.map((type) => [type, true]));
    maskInputOptions.textarea = true;
    // Selects are masked (with their options) only when every field is: unmasked, rrweb keeps
    // the options' `selected`, which a multiple select needs.
    if (this.maskAll) maskInputOptions.select = true;
    return {
      blockSelector: this.blockSelector,
      maskTextSelector: this.maskTextSelector,
      // rrweb asks maskInputFn for every field type listed; it decides which ones are masked.
      maskInputOptions,
      maskInputFn: (text: string, element: HTMLElement) => this.maskValue(text, element),
      maskTextFn: (text: string) => this.maskText(text),
    };
  }

  /** Whether the value of this field (input, textarea, select) is masked. */
  masksValue(element: Element): boolean {
    if (element.localName === 'input' && CONSTANT_VALUE.test((element as HTMLInputElement).type)) return false;
    return this.maskAll || element.matches(ALWAYS_MASKED);
  }

  /**
   * A field's value as sent: the mask, or nothing for an empty text field. A select is always
   * the mask, even on an empty choice (a placeholder option), so the choice cannot show.
   */
  maskValue(text: string, element: Element): string {
    if (!this.masksValue(element)) return text;
    return text || element.localName === 'select' ? MASK : '';
  }

  /** Masked text as sent: the mask, or the text itself when it is only white space. */
  maskText(text: string): string {
    return isBlank(text) ? text : MASK;
  }

  /**
   * Applies the rules again to one event before it is sent, where rrweb leaves something in
   * clear; false when the event is to be dropped (an input event that repeats the last one).
   */
  filter(event: { type: number; data?: unknown }): boolean {
    if (event.type === FULL_SNAPSHOT) {
      this.lastInput.clear();
      this.lastValue.clear();
      this.tree((event.data as { node: Serialized }).node, false);
      return true;
    }
    if (event.type !== INCREMENTAL_SNAPSHOT) return true;
    const data = event.data as { source: number } & Record<string, unknown>;
    switch (data.source) {
      case MUTATION:
        return this.mutation(data as unknown as MutationData);
      case INPUT: {
        // A masked field sends the same text whatever is typed: say so once, not per change.
        const id = data.id as number;
        const key = `${String(data.isChecked)}:${String(data.text)}`;
        if (this.lastInput.get(id) === key) return false;
        this.lastInput.set(id, key);
        return true;
      }
      case SELECTION: {
        // Offsets inside masked text would tell its length.
        const ranges = data.ranges as { start: number; end: number }[];
        data.ranges = ranges.filter(({ start, end }) => !this.hidesText(this.nodes.getNode(start)) && !this.hidesText(this.nodes.getNode(end)));
        return true;
      }
      default:
        return true;
    }
  }

  // -------------------------------------------------------------------------------------------

  /** Whether text at `node` is masked (the mask-text selectors, a masked choice, a masked textarea). */
  private hidesText(node: Node | null): boolean {
    const element = elementOf(node);
    if (!element) return false;
    if (this.maskTextSelector && element.closest(this.maskTextSelector)) return true;
    if (this.maskAll && element.closest(CHOICES)) return true;
    return element.localName === 'textarea' && this.masksValue(element);
  }

  /** Whether the element with this id is a field whose value is masked (an unknown one counts as masked). */
  private maskedField(id: number): boolean {
    const element = this.nodes.getNode(id);
    return isElement(element) ? this.masksValue(element) : true;
  }

  /** Fixes one serialized subtree; `choice`: it is inside a masked select or datalist. */
  private tree(node: Serialized, choice: boolean, textarea = false) {
    if (node.type === TEXT) {
      if (textarea) node.textContent = '';
      else if (choice && node.textContent) node.textContent = this.maskText(node.textContent);
      return;
    }
    let childChoice = choice;
    let childTextarea = false;
    // rrweb keeps only the size (rr_width, rr_height) of a blocked element, and none of its children.
    if (node.type === ELEMENT && node.tagName === 'selectedcontent' && choice) {
      delete node.attributes?.rr_width;
      delete node.attributes?.rr_height;
    } else if (node.type === ELEMENT && node.attributes && !('rr_width' in node.attributes)) {
      const tag = node.tagName ?? '';
      const attributes = node.attributes;
      if (tag === 'select' || tag === 'datalist') {
        childChoice = this.maskAll;
        if (tag === 'select' && this.maskAll) attributes.value = MASK;
      } else if ((tag === 'input' || tag === 'textarea') && this.maskedField(node.id)) {
        // rrweb writes the mask only for a non-empty value; an empty field may still carry the
        // page's `value` attribute (or a textarea its default text) in clear.
        if ('value' in attributes && attributes.value !== MASK) delete attributes.value;
        this.lastValue.set(node.id, attributes.value === MASK ? MASK : '');
        childTextarea = tag === 'textarea';
      }
      if (choice) this.choiceAttributes(tag, attributes);
    }
    for (const child of node.childNodes ?? []) this.tree(child, childChoice, childTextarea);
  }

  /** Inside a masked choice: option values and labels are the mask, and none is marked selected. */
  private choiceAttributes(tag: string, attributes: Attributes) {
    if (tag !== 'option' && tag !== 'optgroup') return;
    for (const name of ['value', 'label']) if (typeof attributes[name] === 'string') attributes[name] = MASK;
    delete attributes.selected;
  }

  /** Whether a live element is inside (or is) a masked choice. */
  private inChoice(element: Element | null): boolean {
    return this.maskAll && !!element?.closest(CHOICES);
  }

  private mutation(data: MutationData): boolean {
    for (const add of data.adds) {
      const parent = elementOf(this.nodes.getNode(add.parentId));
      const textarea = parent?.localName === 'textarea' && this.masksValue(parent);
      this.tree(add.node, this.inChoice(parent), textarea);
    }
    for (const text of data.texts) {
      const parent = elementOf(this.nodes.getNode(text.id));
      if (!parent || text.value === null) continue;
      if (parent.localName === 'textarea' && this.masksValue(parent)) text.value = '';
      else if (this.inChoice(parent)) text.value = this.maskText(text.value);
    }
    data.attributes = data.attributes.filter((item) => {
      const element = this.nodes.getNode(item.id);
      if (!isElement(element)) return true;
      const tag = element.localName;
      if (this.inChoice(element)) {
        if (tag === 'select' && typeof item.attributes.value === 'string') item.attributes.value = MASK;
        this.choiceAttributes(tag, item.attributes);
      } else if ((tag === 'input' || tag === 'textarea') && 'value' in item.attributes && this.masksValue(element)) {
        // Some frameworks write the value attribute on every keystroke (React does): rrweb masks
        // each write, and only a change between empty and filled is sent.
        const value = item.attributes.value ? MASK : '';
        if (this.lastValue.get(item.id) === value) delete item.attributes.value;
        else this.lastValue.set(item.id, (item.attributes.value = value));
      }
      // An item left with nothing would still say when the choice changed.
      return Object.keys(item.attributes).length > 0;
    });
    return data.adds.length + data.removes.length + data.texts.length + data.attributes.length > 0;
  }
}
