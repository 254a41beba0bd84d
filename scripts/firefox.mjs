// Finds a Firefox for the element suite's second run (web-test-runner.firefox.config.mjs):
// FIREFOX_PATH, else Debian's firefox-esr; installs it when running as root (scripts/chromium.mjs).
import { existsSync } from 'node:fs';
import { ensureBrowser } from './chromium.mjs';

export function findFirefox() {
  return [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => path && existsSync(path));
}

export const ensureFirefox = () => ensureBrowser(findFirefox, { label: 'Firefox', debianPackage: 'firefox-esr', pathVariable: 'FIREFOX_PATH' });
