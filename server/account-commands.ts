/**
 * The `account` commands (commands.ts runs them): people who sign in to the agent console and
 * the portal. They call the admin services of admin/users.ts, as the admin REST routes do, so a
 * password set here meets the same rules, a disabled account is signed out everywhere at once,
 * and every change is in the audit log (actor `cli`).
 *
 * A command that makes up a password (`account add` or `account set-password` without
 * --password) prints it on stdout: it is stored only as an argon2id hash and cannot be shown again.
 */
import { generatePassword } from './accounts/passwords.js';
import { CLI } from './admin/kit.js';
import { createUser, setUserDisabled, setUserPassword } from './admin/users.js';
import { date, existingTenant, required } from './command-kit.js';
import type { Command, Context } from './commands.js';
import { STAFF_ROLES, type AccountRecord, type StaffRole } from './store/account-types.js';
import { UsageError } from './usage-error.js';

const accountLine = (a: AccountRecord) =>
  [a.tenantId, a.id, a.email, a.name, a.role, a.disabled ? 'disabled' : 'enabled', a.agentId ?? '-', a.passwordHash ? 'password' : 'no password', date(a.createdAt)].join('\t');

function role(value: string | undefined): StaffRole {
  if (!value) throw new UsageError(`--role is required (${STAFF_ROLES.join(', ')})`);
  if (!(STAFF_ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of ${STAFF_ROLES.join(', ')}, not '${value}'`);
  return value as StaffRole;
}

/** `--password`, or a new one; `made` says whether it was made up (and must be printed). */
function passwordOf(values: Context['values']) {
  return values.password === undefined ? { password: generatePassword(), made: true } : { password: values.password, made: false };
}

/** `account disable` / `account enable`. */
const switchAccount = (disabled: boolean): Command => ({
  args: ['tenant', 'account'],
  options: [],
  async run({ args: [tenantId, idOrEmail], store, out }) {
    const account = await setUserDisabled(store, CLI, { tenantId, accountId: idOrEmail, disabled });
    out(`${disabled ? 'disabled (and signed out everywhere)' : 'enabled'} account ${account.email} of tenant ${tenantId}`);
  },
});

/** The `account …` entries of commands.ts's command table. */
export const ACCOUNT_COMMANDS: Record<string, Command> = {
  'account add': {
    args: ['tenant'],
    options: ['email', 'name', 'role', 'password', 'agent', 'skills'],
    async run({ args: [tenantId], values, store, out, err }) {
      const email = values.email?.trim();
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError('--email must be an e-mail address');
      const { password, made } = passwordOf(values);
      const skills = (values.skills ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const { user: account } = await createUser(store, CLI, {
        tenantId: await existingTenant(store, tenantId),
        user: { email, name: required(values, 'name'), role: role(values.role), ...(skills.length && { skills }) },
        password,
        agentId: values.agent,
      });
      err(`created ${account.role} account ${account.email} of tenant ${tenantId}${account.agent ? `, agent ${account.agent.id}` : ''}`);
      out(account.id);
      if (made) out(password);
    },
  },
  'account list': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenants = values.tenant ? [await existingTenant(store, values.tenant)] : (await store.listTenants()).map((t) => t.id);
      for (const tenantId of tenants) for (const a of await store.listAccounts(tenantId)) out(accountLine(a));
    },
  },
  'account set-password': {
    args: ['tenant', 'account'],
    options: ['password'],
    async run({ args: [tenantId, idOrEmail], values, store, out, err }) {
      const { password, made } = passwordOf(values);
      const account = await setUserPassword(store, CLI, { tenantId, accountId: idOrEmail, password });
      err(`set the password of ${account.email} of tenant ${tenantId} (and signed it out everywhere)`);
      if (made) out(password);
    },
  },
  'account disable': switchAccount(true),
  'account enable': switchAccount(false),
};
