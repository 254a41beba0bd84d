// The element suite in Firefox ESR (Debian's firefox-esr), driven over WebDriver BiDi by
// Puppeteer, beside the Chromium run of web-test-runner.config.mjs: the same files, server and
// plugins; no coverage (that is Chromium's V8 coverage). `npm test` runs it as the `firefox` suite.
import { defaultReporter } from '@web/test-runner';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { ensureFirefox } from './scripts/firefox.mjs';
import chromium, { totalsReporter } from './web-test-runner.config.mjs';

export default {
  ...chromium,
  browsers: [puppeteerLauncher({ launchOptions: { browser: 'firefox', executablePath: ensureFirefox(), headless: true } })],
  coverageConfig: undefined,
  reporters: [defaultReporter(), totalsReporter('firefox')],
};
