/**
 * Random url-safe id (base64url of `bytes` random bytes). Uses `getRandomValues`, which unlike
 * `randomUUID` also works on plain-http pages, where the elements may be embedded.
 */
export function randomId(bytes = 16): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let s = '';
  for (const b of buf) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
