// Finds a Chromium for the browser tests; installs Debian's when running as root, else says
// exactly what to install.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** Flags that keep Chromium quiet on a closed network and working as root in CI. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Pages of a test run in the background (web-test-runner runs two files side by side) keep
  // their timers and animation frames: the co-browse player's replay, driven by frames, stalled
  // in a background page and its test timed out in CI.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function findChromium() {
  if (process.env.CHROME_PATH && existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH;
  return candidates.find((path) => existsSync(path));
}

/**
 * The browser `find` finds; else, as root where apt-get is, Debian's `debianPackage` installed;
 * else the process ends with what to install (or which variable names a binary).
 */
export function ensureBrowser(find, { label, debianPackage, pathVariable }) {
  const found = find();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`${label} not found: installing Debian's ${debianPackage} package (apt-get)...`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`, { stdio: 'inherit' });
    const installed = find();
    if (installed) return installed;
  }
  console.error(
    `The browser tests need ${label} and none was found.\n` +
      `  Debian/Ubuntu:  sudo apt-get install -y ${debianPackage}\n` +
      `  Or point ${pathVariable} at a ${label} binary: ${pathVariable}=/path/to/binary npm test`,
  );
  process.exit(1);
}

export const ensureChromium = () => ensureBrowser(findChromium, { label: 'Chromium', debianPackage: 'chromium', pathVariable: 'CHROME_PATH' });
