// Ids of the portal's things (skills, categories, paths): the server's `Slug`.

/** What an id may be (the server's `Slug`): lower-case letters, digits and dashes, at most 64. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The id a name suggests: "Sales (EU)" -> `sales-eu`, "Lámpara" -> `lampara`. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** An `input` listener of a name field: its form's `id` field becomes the id the name suggests. */
export function suggestId(event: Event): void {
  const input = event.target as HTMLInputElement;
  const id = input.form?.querySelector<HTMLInputElement>('input[name="id"]');
  if (id) id.value = slugFrom(input.value);
}
