/**
 * The `branding` and `cobrowse` commands (commands.ts runs them): a tenant's portal branding and
 * co-browse settings. Changes go through the service functions of server/admin/tenant.ts with the
 * actor `cli`, so they are checked as the admin REST API will check them and recorded in the
 * audit log.
 */
import { readFile } from 'node:fs/promises';
import { downloadThemeFile, resetThemeFile, uploadThemeFile } from './admin/themes.js';
import { resetBranding, resetCobrowseSettings, updateBranding, updateCobrowseSettings } from './admin/tenant.js';
import { CLI } from './admin/kit.js';
import { toPortalBranding, type BrandingChange } from './branding.js';
import { toCobrowseSettings, type CobrowseSettingsChange } from './cobrowse-settings.js';
import { date, required } from './command-kit.js';
import type { Command, Context } from './commands.js';
import type { TenantBranding, TenantCobrowseSettings } from './store/types.js';
import { UsageError } from './usage-error.js';

/** The branding as lines of tab-separated fields; string texts with their line breaks and tabs escaped. */
function brandingLines(b: TenantBranding): string[] {
  const text = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return [
    `tenant\t${b.tenantId}`,
    `theme-url\t${b.themeUrl ?? '-'}`,
    `step-content-theme-url\t${b.stepContentThemeUrl ?? '-'}`,
    `mobile\t${b.applyOnMobile ? 'on' : 'off'}`,
    `updated\t${date(b.updatedAt)}`,
    ...Object.entries(b.strings).flatMap(([locale, strings]) =>
      Object.entries(strings).map(([key, value]) => `string\t${locale}\t${key}\t${text(value)}`),
    ),
  ];
}

/** The co-browse settings as lines of tab-separated fields. */
function cobrowseLines(c: TenantCobrowseSettings): string[] {
  return [
    `tenant\t${c.tenantId}`,
    `remote-client-url\t${c.remoteClientUrl ?? '-'}`,
    `recording\t${c.recording ? 'on' : 'off'}`,
    `updated\t${date(c.updatedAt)}`,
    ...c.blockSelectors.map((selector) => `block\t${selector}`),
    ...c.maskTextSelectors.map((selector) => `mask\t${selector}`),
  ];
}

/** The fields of a change that are given; a usage error naming `options` when none is. */
function given<T extends object>(change: T, options: string): Partial<T> {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<T>;
  if (!Object.keys(defined).length) throw new UsageError(`give at least one of ${options}`);
  return defined;
}

/** `--block a --block b` as a list; `--block ''` alone empties it; undefined when not given. */
const selectorList = (values: string[] | undefined) => (values && values.length === 1 && values[0] === '' ? [] : values);

/** `--<name> on|off` as a boolean (undefined when not given). */
function onOff(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'on' && value !== 'off') throw new UsageError(`--${name} must be on or off, not '${value}'`);
  return value === 'on';
}

/** Applies a branding change and prints the result; refused input is an error naming its code. */
async function brandingChange({ store, out, err }: Context, tenantId: string, change: BrandingChange) {
  const { branding, warnings } = await updateBranding(store, CLI, { tenantId, change });
  for (const warning of warnings) err(`warning: ${warning}`);
  brandingLines(branding).forEach((line) => out(line));
}

/** `--step-content`: the step content theme, else the theme. */
const themeKind = (values: Context['values']) => (values['step-content'] ? 'step-content' : 'theme');

/** The `branding …` and `cobrowse …` entries of commands.ts's command table. */
export const SETTINGS_COMMANDS: Record<string, Command> = {
  'branding show': {
    args: [],
    options: ['tenant', 'json'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const branding = await store.getBranding(tenantId);
      if (!branding) throw new Error(`there is no tenant '${tenantId}'`);
      if (values.json) out(JSON.stringify(toPortalBranding(branding), null, 2));
      else brandingLines(branding).forEach((line) => out(line));
    },
  },
  'branding set': {
    args: [],
    options: ['tenant', 'theme-url', 'step-content-theme-url', 'mobile'],
    async run(context) {
      const { values } = context;
      const tenantId = required(values, 'tenant');
      const change: BrandingChange = {
        themeUrl: values['theme-url'],
        stepContentThemeUrl: values['step-content-theme-url'],
        applyOnMobile: onOff('mobile', values.mobile),
      };
      await brandingChange(context, tenantId, given(change, '--theme-url, --step-content-theme-url, --mobile'));
    },
  },
  'branding strings set': {
    args: ['key=text'],
    variadic: true,
    options: ['tenant', 'locale'],
    async run(context) {
      const { values, args } = context;
      const entries: Record<string, string> = {};
      for (const arg of args) {
        const at = arg.indexOf('=');
        if (at < 1) throw new UsageError(`expected key=text, not '${arg}'`);
        entries[arg.slice(0, at)] = arg.slice(at + 1);
      }
      await brandingChange(context, required(values, 'tenant'), { setStrings: { [values.locale ?? '*']: entries } });
    },
  },
  'branding strings unset': {
    args: ['key'],
    variadic: true,
    options: ['tenant', 'locale'],
    async run(context) {
      const { values, args } = context;
      await brandingChange(context, required(values, 'tenant'), { unsetStrings: { [values.locale ?? '*']: args } });
    },
  },
  'branding reset': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const had = await resetBranding(store, CLI, { tenantId });
      out(had ? `reset the branding of tenant ${tenantId} to the defaults` : `tenant ${tenantId} has the default branding already`);
    },
  },
  'branding theme upload': {
    args: ['file'],
    options: ['tenant', 'step-content', 'public-url'],
    async run({ values, args, store, out }) {
      const tenantId = required(values, 'tenant');
      const origin = values['public-url'];
      if (!origin) throw new UsageError('--public-url is required: the origin customers reach this server at (the hosted file\'s URL starts with it)');
      const bytes = await readFile(args[0]);
      const { file, branding } = await uploadThemeFile(store, CLI, { tenantId, kind: themeKind(values), bytes, origin });
      out(`hosted ${file.size} bytes of ${file.kind} CSS`);
      brandingLines(branding).forEach((line) => out(line));
    },
  },
  'branding theme download': {
    args: [],
    options: ['tenant', 'step-content'],
    async run({ values, store, out }) {
      const file = await downloadThemeFile(store, CLI, { tenantId: required(values, 'tenant'), kind: themeKind(values) });
      out(file.css.replace(/\r?\n$/, ''));
    },
  },
  'branding theme reset': {
    args: [],
    options: ['tenant', 'step-content'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const { had } = await resetThemeFile(store, CLI, { tenantId, kind: themeKind(values) });
      out(had ? `reset the ${themeKind(values)} of tenant ${tenantId} to the default (hosted file and URL removed)` : `tenant ${tenantId} has the default ${themeKind(values)} already`);
    },
  },
  'cobrowse show': {
    args: [],
    options: ['tenant', 'json'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const settings = await store.getCobrowseSettings(tenantId);
      if (!settings) throw new Error(`there is no tenant '${tenantId}'`);
      if (values.json) out(JSON.stringify(toCobrowseSettings(settings), null, 2));
      else cobrowseLines(settings).forEach((line) => out(line));
    },
  },
  'cobrowse set': {
    args: [],
    options: ['tenant', 'block', 'mask', 'remote-client-url', 'recording'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const change: CobrowseSettingsChange = {
        blockSelectors: selectorList(values.block),
        maskTextSelectors: selectorList(values.mask),
        remoteClientUrl: values['remote-client-url'],
        recording: onOff('recording', values.recording),
      };
      const settings = await updateCobrowseSettings(store, CLI, { tenantId, change: given(change, '--block, --mask, --remote-client-url, --recording') });
      cobrowseLines(settings).forEach((line) => out(line));
    },
  },
  'cobrowse reset': {
    args: [],
    options: ['tenant'],
    async run({ values, store, out }) {
      const tenantId = required(values, 'tenant');
      const had = await resetCobrowseSettings(store, CLI, { tenantId });
      out(had ? `reset the co-browse settings of tenant ${tenantId} to the defaults` : `tenant ${tenantId} has the default co-browse settings already`);
    },
  },
};
