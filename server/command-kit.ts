/** Pieces the command modules share (commands.ts, mail-commands.ts, config-commands.ts). */
import type { Values } from './commands.js';
import type { Store } from './store/types.js';
import { UsageError } from './usage-error.js';

/** A time as the CLI prints it: ISO 8601, or `-` for none. */
export const date = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

/** The value of a required option; a usage error without it. */
export function required(values: Values, option: 'tenant' | 'name'): string {
  const value = values[option];
  if (!value) throw new UsageError(`--${option} is required`);
  return value;
}

/** The id, when there is such a tenant; an error otherwise. */
export async function existingTenant(store: Store, id: string) {
  if (!(await store.getTenant(id))) throw new Error(`there is no tenant '${id}'`);
  return id;
}

/** `--<name> on|off` as a boolean (undefined when not given). */
export function onOff(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'on' && value !== 'off') throw new UsageError(`--${name} must be on or off, not '${value}'`);
  return value === 'on';
}
