/**
 * REST routes of the reference server, version-prefixed. The server registers exactly these
 * paths and the client builds its URLs from them, so the two cannot drift apart.
 *
 * Every route except `health` requires `Authorization: Bearer <application token>`.
 */
import { API_PREFIX } from './api.js';

export const ROUTES = {
  /** GET: liveness; no token. */
  health: `${API_PREFIX}/health`,
  /** GET `?tags=a,b&category=&limit=&offset=`: path summaries (tags match any of). */
  paths: `${API_PREFIX}/paths`,
  /** GET: one full path by id. */
  path: `${API_PREFIX}/paths/:id`,
  /** GET: the one full path a help-id names. */
  helpId: `${API_PREFIX}/help-ids/:helpId`,
  /** GET `?q=&tags=&audience=&limit=`: ranked full-text search with highlights. */
  search: `${API_PREFIX}/search`,
  /** GET: categories with their path counts. */
  categories: `${API_PREFIX}/categories`,
  /** GET `?consumer=&limit=`: recommended paths from the consumer's context and activity. */
  recommended: `${API_PREFIX}/recommended`,
  /** POST: ordered context operations (identity, log entries, clears) for one consumer. */
  context: `${API_PREFIX}/context`,
  /** POST: guided-path activity events for one consumer. */
  activity: `${API_PREFIX}/activity`,
  /** GET: the tenant's portal branding: theme URLs, the mobile switch and string overrides. */
  branding: `${API_PREFIX}/branding`,
  /** GET: the tenant's co-browse settings: extra block and mask selectors, the remote client URL. */
  cobrowseSettings: `${API_PREFIX}/cobrowse/settings`,

  // Live help, customer side. `liveSessions` takes the application token; the others take the
  // session token that creating the session returned (Authorization: Bearer <session token>).
  /** POST: request live help (chat or call); answers the session and its session token. */
  liveSessions: `${API_PREFIX}/live/sessions`,
  /** GET: the session's current state (also for agents of the tenant). */
  liveSession: `${API_PREFIX}/live/sessions/:id`,
  /** GET `?before=&after=&limit=`: a page of the session's chat events, by sequence. */
  liveEvents: `${API_PREFIX}/live/sessions/:id/events`,
  /** POST `?name=` with the raw file as the body and its media type as Content-Type: upload a chat file. */
  liveFiles: `${API_PREFIX}/live/sessions/:id/files`,
  /** GET `?sig=`: download a chat file (the signed URL in its FileInfo; no token needed). */
  liveFile: `${API_PREFIX}/live/files/:fileId`,
  /** POST: rate the session after it ended, with an optional comment and survey answers. */
  liveRating: `${API_PREFIX}/live/sessions/:id/rating`,
  /** POST: email the transcript to an address (queued; see the server README for delivery). */
  liveTranscript: `${API_PREFIX}/live/sessions/:id/transcript`,
  /** GET with `Upgrade: websocket`: the real-time channel of customers and agents (see live.ts). */
  liveSocket: `${API_PREFIX}/live/socket`,

  // Agent side: every route takes an agent token.
  /** GET: the signed-in agent, with skills and status. */
  agentMe: `${API_PREFIX}/agent/me`,
  /** POST: set the agent's status (available | away). */
  agentStatus: `${API_PREFIX}/agent/status`,
  /** GET `?state=&skill=&kind=&data=key:value,...&limit=`: the tenant's sessions, newest first. */
  agentSessions: `${API_PREFIX}/agent/sessions`,
  /** GET: the open session with this 6-digit connection code. */
  agentSessionByCode: `${API_PREFIX}/agent/sessions/by-code/:code`,
  /** GET: one session with the consumer's identity, context log and guided-path activity. */
  agentSession: `${API_PREFIX}/agent/sessions/:id`,
  /** POST: take the session (queued or offered to this agent, or a call found by its code). */
  agentAccept: `${API_PREFIX}/agent/sessions/:id/accept`,
  /** POST `{ clientId, text }`: send a chat message as the agent. */
  agentMessages: `${API_PREFIX}/agent/sessions/:id/messages`,
  /** POST: end the session. */
  agentEnd: `${API_PREFIX}/agent/sessions/:id/end`,
  /** GET `?state=&sessionId=&agentId=`: the tenant's co-browses while pending or active. */
  agentCobrowse: `${API_PREFIX}/agent/cobrowse`,
  /** GET `?sessionId=&limit=`: the tenant's stored co-browse recordings, newest first. */
  agentCobrowseRecordings: `${API_PREFIX}/agent/cobrowse/recordings`,
  /** GET: one co-browse recording with its batches of events. */
  agentCobrowseRecording: `${API_PREFIX}/agent/cobrowse/recordings/:id`,
} as const;

export type RouteName = keyof typeof ROUTES;

/** Fills `:name` placeholders of a route with URI-encoded values. */
export function routePath(route: string, params: Record<string, string> = {}): string {
  return route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing route parameter ${name}`);
    return encodeURIComponent(value);
  });
}
