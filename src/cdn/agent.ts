/**
 * Browser bundle /sdk/agent.js: `<nexus-agent-console>` and the headless `AgentClient`, with lit.
 * The agent page (demo/agent.html) loads it with one `<script type="module">`.
 */
export * from '../agent/index.js';
export { setStrings, registerLocale } from '../i18n/strings.js';
export { loadLocale } from '../components/shared/localize.js';
