/**
 * The agents' co-browse routes: the tenant's co-browses (from the relay, which keeps the pending
 * and active ones and the last ended ones in memory) and the stored recordings of tenants that
 * record co-browse.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { COBROWSE_LIMITS } from '../../src/protocol/api.js';
import { jsonDepthWithin } from '../../src/protocol/json-bounds.js';
import {
  COBROWSE_STATES,
  CobrowseList,
  CobrowseListQuery,
  CobrowseRecording,
  CobrowseRecordingList,
  CobrowseRecordingsQuery,
  type CobrowseRecordingSummary,
  type CobrowseState,
} from '../../src/protocol/cobrowse.js';
import { SessionIdParams } from '../../src/protocol/live.js';
import { ROUTES } from '../../src/protocol/routes.js';
import type { PrincipalRole } from '../auth.js';
import { ApiError } from '../errors.js';
import type { CobrowseRecordingPart, CobrowseRecordingRecord, Store } from '../store/types.js';
import type { LiveHub } from './hub.js';
import { parseDataFilter, parseStates } from './routes.js';

const DEFAULT_RECORDING_PAGE = 50;
const DEFAULT_LIST_PAGE = 100;

const toSummary = ({ tenantId: _tenant, ...r }: CobrowseRecordingRecord): CobrowseRecordingSummary => r;

/**
 * The stored parts as batches of events, in order. A batch missing a part, not JSON, or nested
 * deeper than COBROWSE_LIMITS.maxBatchDepth (stored before the relay checked depth) is left
 * out, so the rest of the recording can still be read.
 */
export function batchesOf(parts: CobrowseRecordingPart[]): { seq: number; at: number; events: unknown[] }[] {
  const batches: { seq: number; at: number; events: unknown[] }[] = [];
  for (let i = 0; i < parts.length; ) {
    const { seq, parts: count, at } = parts[i];
    const group: string[] = [];
    for (; i < parts.length && parts[i].seq === seq; i++) if (parts[i].part === group.length) group.push(parts[i].data);
    if (group.length !== count) continue;
    const text = group.join('');
    if (!jsonDepthWithin(text, COBROWSE_LIMITS.maxBatchDepth)) continue;
    try {
      const events: unknown = JSON.parse(text);
      if (Array.isArray(events)) batches.push({ seq, at, events });
    } catch {
      // A batch that is not JSON was never replayable: left out like an incomplete one.
    }
  }
  return batches;
}

/** Who reads recordings: the tenant of the request's caller, once its role is checked (throws 403 otherwise). */
export type RecordingReader = (request: FastifyRequest) => string;

/**
 * The two recording routes (the list, newest first, and one recording with its batches) at the
 * given paths: the agents' (agent token) and the admin API's (a signed-in admin or supervisor)
 * read the same store the same way; `tenantOf` checks the caller and names its tenant.
 */
export function registerRecordingRoutes(
  api: FastifyInstance,
  paths: { list: string; one: string },
  store: Store,
  config: { roles: PrincipalRole[] },
  tenantOf: RecordingReader,
) {
  api.get<{ Querystring: { sessionId?: string; limit?: number } }>(
    paths.list,
    { config, schema: { querystring: CobrowseRecordingsQuery, response: { 200: CobrowseRecordingList } } },
    async (request) => {
      const { sessionId, limit } = request.query;
      const records = await store.listCobrowseRecordings(tenantOf(request), { sessionId, limit: limit ?? DEFAULT_RECORDING_PAGE });
      return { items: records.map(toSummary) };
    },
  );

  api.get<{ Params: { id: string } }>(
    paths.one,
    { config, schema: { params: SessionIdParams, response: { 200: CobrowseRecording } } },
    async (request) => {
      const found = await store.getCobrowseRecording(tenantOf(request), request.params.id);
      if (!found) throw new ApiError(404, 'cobrowse_not_found', 'there is no such co-browse recording');
      return { recording: toSummary(found.recording), batches: batchesOf(found.parts) };
    },
  );
}

export function registerCobrowseAgentRoutes(api: FastifyInstance, hub: LiveHub, config: { roles: PrincipalRole[] }) {
  const { store } = hub;

  api.get<{ Querystring: { state?: string; sessionId?: string; agentId?: string; data?: string; limit?: number } }>(
    ROUTES.agentCobrowse,
    { config, schema: { querystring: CobrowseListQuery, response: { 200: CobrowseList } } },
    async (request) => {
      const { tenantId } = request.principal;
      const { state, sessionId, agentId, limit = DEFAULT_LIST_PAGE } = request.query;
      const states = parseStates<CobrowseState>(state, COBROWSE_STATES);
      const data = parseDataFilter(request.query.data);
      let items = await hub.cobrowse.list(tenantId, { states, sessionId, agentId });
      if (data) {
        // The custom data lives on the sessions: read each session once.
        const sessions = new Map<string, Record<string, string> | undefined>();
        for (const id of new Set(items.map((item) => item.sessionId))) sessions.set(id, (await store.getLiveSession(tenantId, id))?.data);
        items = items.filter((item) => Object.entries(data).every(([key, value]) => sessions.get(item.sessionId)?.[key] === value));
      }
      return { items: items.slice(0, limit) };
    },
  );

  registerRecordingRoutes(api, { list: ROUTES.agentCobrowseRecordings, one: ROUTES.agentCobrowseRecording }, store, config, (request) => request.principal.tenantId);
}
