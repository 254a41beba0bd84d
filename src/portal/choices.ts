import { html, type TemplateResult } from 'lit';

// The portal's choice lists: a fieldset of checkboxes (Tab to the list, Space to tick), used for
// the agents of a skill and the skills of a user. Their values are read when the form is sent.

/** One checkbox of a choice list. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * A fieldset of checkboxes named `name` (`part="<name>-choices"`, each box `<name>-choice`);
 * `empty` is said instead when there is nothing to choose.
 */
export function renderChoices(name: string, legend: string, choices: readonly Choice[], checked: ReadonlySet<string>, empty: string): TemplateResult {
  return html`<fieldset part="${name}-choices">
    <legend>${legend}</legend>
    ${choices.length
      ? choices.map(
          (choice) =>
            html`<label
              ><input part="${name}-choice" type="checkbox" name=${name} .value=${choice.value} ?checked=${checked.has(choice.value)} />${choice.label}</label
            >`,
        )
      : html`<p class="muted">${empty}</p>`}
  </fieldset>`;
}

/** The ticked values of the choice list `name` in `form`. */
export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${name}"]`)].filter((box) => box.checked).map((box) => box.value);
}

/** The names of `values` by `names` (unknown ones as they are), joined for a cell or a notice. */
export function namesOf(values: readonly string[], names: ReadonlyMap<string, string>): string {
  return values.map((value) => names.get(value) ?? value).join(', ');
}

/** A row's action button, named for the row (`label` is the visible word, `name` says which row). */
export function rowButton(part: string, label: string, accessibleName: string, run: () => void, options: { disabled?: boolean; danger?: boolean } = {}): TemplateResult {
  return html`<button
    part=${part}
    class="button ${options.danger ? 'danger' : ''}"
    type="button"
    aria-label=${accessibleName}
    ?disabled=${options.disabled ?? false}
    @click=${run}
  >
    ${label}
  </button>`;
}

