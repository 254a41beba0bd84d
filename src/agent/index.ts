/**
 * The agent side of Nexus Connect: the headless `AgentClient` and `<nexus-agent-console>` built
 * on it. Importing this module registers the console. It is a separate entry from the customer
 * elements, so that pages of customers never load agent code.
 */
export { AccountSession, signIn, type AccountSessionOptions, type SignInOptions } from '../core/account-session.js';
export { AgentClient, type AgentClientOptions, type AgentEvents, type SessionFilter } from './agent-client.js';
export { NexusAgentConsole, type AgentConsoleState, type StateFilter } from './console/agent-console.js';
export type {
  Agent,
  AgentSessionDetail,
  AgentStatus,
  ChatEvent,
  ConsumerView,
  LiveSession,
  LiveKind,
} from '../protocol/live.js';
export type { LiveState } from '../protocol/api.js';
