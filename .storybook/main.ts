import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Stories talk to the reference server started by `npm start` (its demo token is read from
 * .nexus-data/demo-token.txt), or to NEXUS_SERVER / NEXUS_TOKEN from the environment.
 */
const root = join(import.meta.dirname, '..');
const tokenFile = join(root, '.nexus-data', 'demo-token.txt');
const demo = {
  server: process.env.NEXUS_SERVER ?? 'http://127.0.0.1:4300',
  token: process.env.NEXUS_TOKEN ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : ''),
};

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    // The project's vite.config.ts builds the library; stories need only the defaults.
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({ ...vite, define: { ...vite.define, __NEXUS_DEMO__: JSON.stringify(demo) } }),
};

export default config;
