/**
 * Browser bundle /sdk/agent.js: `<nexus-agent-console>` and the headless `AgentClient`, with lit.
 * The agent page (demo/agent.html) loads it with one `<script type="module">`.
 */
export * from '../agent/index.js';
export { setStrings } from '../components/shared/strings.js';
