/**
 * Browser bundle /sdk/self-help.js: `<nexus-provider>` and `<nexus-self-help>` with everything
 * inside it (search, categories, path list, contact us), lit and the core. The guided path and
 * its sanitizer load on demand.
 */
export * from '../core/index.js';
export { setDefaultClient, getDefaultClient } from '../components/shared/context.js';
export { setStrings } from '../components/shared/strings.js';
export { NexusProvider } from '../components/provider/provider.js';
export { NexusSelfHelp } from '../components/self-help/self-help.js';
