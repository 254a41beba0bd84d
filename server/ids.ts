import { randomBytes } from 'node:crypto';

/** A random, URL-safe id with a readable prefix (`tok_…`, `con_…`): 96 bits, unguessable. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
