/**
 * The `account` commands (commands.ts runs them): people who sign in to the agent console (and
 * later the portal). They go through accounts/service.ts, as the HTTP routes do, so a password
 * set here meets the same rules and a disabled account is signed out everywhere at once.
 *
 * A command that makes up a password (`account add` or `account set-password` without
 * --password) prints it on stdout: it is stored only as an argon2id hash and cannot be shown again.
 */
import { generatePassword } from './accounts/passwords.js';
import { addAccount, findAccount, setDisabled, setPassword } from './accounts/service.js';
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

/** The account `idOrEmail` names in the tenant; an error otherwise. */
async function existingAccount(store: Context['store'], tenantId: string, idOrEmail: string): Promise<AccountRecord> {
  await existingTenant(store, tenantId);
  const account = await findAccount(store, tenantId, idOrEmail);
  if (!account) throw new Error(`tenant '${tenantId}' has no account '${idOrEmail}'`);
  return account;
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
    const account = await existingAccount(store, tenantId, idOrEmail);
    await setDisabled(store, tenantId, account.id, disabled);
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
      const account = await addAccount(store, {
        tenantId: await existingTenant(store, tenantId),
        email,
        name: required(values, 'name'),
        role: role(values.role),
        password,
        agentId: values.agent,
        skills: (values.skills ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      });
      err(`created ${account.role} account ${account.email} of tenant ${tenantId}${account.agentId ? `, agent ${account.agentId}` : ''}`);
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
      const account = await existingAccount(store, tenantId, idOrEmail);
      const { password, made } = passwordOf(values);
      await setPassword(store, account, password);
      err(`set the password of ${account.email} of tenant ${tenantId} (and signed it out everywhere)`);
      if (made) out(password);
    },
  },
  'account disable': switchAccount(true),
  'account enable': switchAccount(false),
};
