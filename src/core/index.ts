/**
 * Headless API of Nexus Connect: the client and its services, with no rendering. Elements are
 * built on exactly this, so anything they do a page can also do in code.
 */
export { NexusClient, isMobileDevice, type NexusClientOptions, type NexusClientEvents, type Branding } from './client.js';
export type { PortalBranding } from '../protocol/schemas.js';
export { SelfHelpService, type LoadOptions, type ListOptions, type SearchOptions } from './self-help.js';
export {
  ChatService,
  LiveHelpService,
  type ChatEvents,
  type ChatMessage,
  type PresenceEvent,
  type SessionClose,
  type TranscriptEntry,
  type LiveRequestOptions,
  type FileOptions,
} from './live.js';
export { ContextService, type IdentityField } from './context.js';
export { CobrowseService, type CobrowseOptions, type CobrowseEvents } from './cobrowse.js';
export { COBROWSE_LIMITS, type CobrowseState, type CobrowseEndReason } from '../protocol/api.js';
export type { CobrowseInfo } from '../protocol/cobrowse.js';
export { NexusError, isAbort, type ErrorDetail } from './errors.js';
export { Emitter, type Listener } from './emitter.js';
export { memoryStorage, webStorage, sessionState, localState, type StateStorage } from './storage.js';
export { splitHighlights, stripHighlights, splitList, type HighlightSegment } from '../protocol/api.js';
export type {
  GuidedPath,
  Step,
  Choice,
  PathSummary,
  PathList,
  SearchHit,
  SearchResult,
  Category,
  Recommendation,
  RecommendationReason,
  Identity,
  ActivityKind,
} from '../protocol/schemas.js';
export type {
  LiveSession,
  LiveKind,
  ChatEvent,
  FileInfo,
  QueueStatus,
  AgentRef,
  SessionData,
  SessionOrigin,
} from '../protocol/live.js';
