/**
 * The live-help REST routes: the customer side (session token, except requesting help, which
 * takes the application token), the agent side (agent token), and the signed file download.
 * Each route declares which token kinds it takes in `config.roles` (checked in routes.ts).
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { LIVE_LIMITS, LIVE_STATES, splitList, type LiveState } from '../../src/protocol/api.js';
import {
  Accepted,
  AgentConfig,
  AgentMessageBody,
  AssignBody,
  AgentSessionDetail,
  AgentSessionsQuery,
  AgentStatusBody,
  CodeParams,
  EventPage,
  EventsQuery,
  FileDownloadQuery,
  FileIdParams,
  FileInfo,
  FileUploadQuery,
  LiveGrant,
  LiveRequest,
  LiveSession,
  MessageAck,
  RatingBody,
  SessionIdParams,
  SessionList,
  TranscriptBody,
  TransferBody,
  TransferTargets,
  Agent,
  type ConsumerView,
} from '../../src/protocol/live.js';
import type * as Wire from '../../src/protocol/live.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { issueSessionToken, requireRole, type PrincipalRole } from '../auth.js';
import { ApiError, errorHandler, invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import type { Store } from '../store/types.js';
import { contentDisposition, isAllowedType, mediaType, sanitizeFileName } from './files.js';
import type { Actor, LiveHub } from './hub.js';
import { registerCobrowseAgentRoutes } from './cobrowse-routes.js';
import { MAX_TRANSCRIPTS, renderTranscript, type MailSender } from './transcript.js';
import { toAgent } from './wire.js';

/** Most files one session may hold. */
export const MAX_FILES_PER_SESSION = 50;
const DEFAULT_EVENT_PAGE = 50;
const DEFAULT_SESSION_PAGE = 50;
/** Most context entries and activity records in a ConsumerView. */
const CONSUMER_VIEW_ITEMS = 100;
const DATA_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

const SESSION_ROLES: PrincipalRole[] = ['customer', 'agent'];
const AGENT: PrincipalRole[] = ['agent'];

type IdParams = { Params: { id: string } };

const fileTooLarge = () => new ApiError(413, 'file_too_large', `a file is at most ${LIVE_LIMITS.maxFileBytes} bytes`);
export const queryError = (field: string, message: string) => invalidRequest(message, [{ path: `querystring/${field}`, message }]);

/** The customer or agent behind a request's session or agent token. */
async function actorOf(store: Store, request: FastifyRequest): Promise<Actor> {
  const principal = request.principal;
  if (principal.role === 'customer') return { role: 'customer', tenantId: principal.tenantId, sessionId: principal.sessionId };
  if (principal.role !== 'agent') throw new ApiError(403, 'forbidden', 'this takes a session or agent token');
  const agent = await store.getAgent(principal.tenantId, principal.agentId);
  if (!agent) throw new ApiError(401, 'token_revoked', 'the agent of this token no longer exists');
  return { role: 'agent', tenantId: principal.tenantId, agent };
}

export async function agentOf(store: Store, request: FastifyRequest) {
  return (await actorOf(store, request)) as Extract<Actor, { role: 'agent' }>;
}

/** `state=a,b` checked against the known states (`LIVE_STATES` by default). */
export function parseStates<S extends string = LiveState>(text: string | undefined, known: readonly S[] = LIVE_STATES as readonly string[] as readonly S[]): S[] | undefined {
  if (text === undefined) return undefined;
  const states = splitList(text);
  const bad = states.find((s) => !(known as readonly string[]).includes(s));
  if (bad !== undefined) throw queryError('state', `'${bad.slice(0, 40)}' is not a state (${known.join(', ')})`);
  return states as S[];
}

/** `data=plan:gold,region:eu`: every key must match (values after the first colon, trimmed). */
export function parseDataFilter(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const filter: Record<string, string> = {};
  for (const pair of splitList(text)) {
    const colon = pair.indexOf(':');
    const key = pair.slice(0, Math.max(colon, 0)).trim();
    if (colon < 0 || !DATA_KEY.test(key)) throw queryError('data', `'${pair.slice(0, 80)}' is not key:value with a valid key`);
    filter[key] = pair.slice(colon + 1).trim();
  }
  return filter;
}

/** What an agent sees of a session's consumer: identity, live context newest first, activity with titles. */
async function consumerView(store: Store, tenantId: string, key: string): Promise<ConsumerView> {
  const consumer = await store.getConsumer(tenantId, key);
  const empty = { key, firstName: null, lastName: null, email: null, phone: null, externalId: null, context: [], activity: [] };
  if (!consumer) return empty;
  const newest = <T extends { at: number }>(items: T[]) => [...items].sort((a, b) => b.at - a.at).slice(0, CONSUMER_VIEW_ITEMS);
  const activity = newest(consumer.activity);
  const titles = new Map<string, string | null>();
  for (const pathId of new Set(activity.map((a) => a.pathId))) {
    const path = await store.getPath(tenantId, pathId, { audiences: ['consumer', 'agent', 'all'] });
    titles.set(pathId, path?.title ?? null);
  }
  return {
    ...empty,
    firstName: consumer.firstName,
    lastName: consumer.lastName,
    email: consumer.email,
    phone: consumer.phone,
    externalId: consumer.externalId,
    context: newest(consumer.entries.filter((e) => e.clearedAt === null)).map((e) => ({
      kind: e.kind,
      name: e.name,
      detail: e.detail,
      data: e.data ?? null,
      at: e.at,
    })),
    activity: activity.map((a) => ({ pathId: a.pathId, pathTitle: titles.get(a.pathId) ?? null, stepId: a.stepId, event: a.event, at: a.at })),
  };
}

function registerCustomerRoutes(api: FastifyInstance, hub: LiveHub, mail: MailSender) {
  const { store } = hub;

  api.post<{ Body: Wire.LiveRequest }>(
    ROUTES.liveSessions,
    { config: { roles: ['consumer'] }, schema: { body: LiveRequest, response: { 200: LiveGrant, 201: LiveGrant } } },
    async (request, reply) => {
      const principal = requireRole(request.principal, ['consumer']);
      const { tenantId } = principal;
      const { session, created } = await hub.request(tenantId, request.body);
      // The session token works only as long as the application token it was requested with.
      const sessionToken = await issueSessionToken(store, { tenantId, id: session.id }, { id: principal.tokenId, expiresAt: principal.expiresAt });
      return reply.status(created ? 201 : 200).send({ session, sessionToken });
    },
  );

  api.get<IdParams>(
    ROUTES.liveSession,
    { config: { roles: SESSION_ROLES }, schema: { params: SessionIdParams, response: { 200: LiveSession } } },
    async (request) => hub.view(await hub.sessionFor(await actorOf(store, request), request.params.id)),
  );

  api.get<IdParams & { Querystring: Wire.EventsQuery }>(
    ROUTES.liveEvents,
    { config: { roles: SESSION_ROLES }, schema: { params: SessionIdParams, querystring: EventsQuery, response: { 200: EventPage } } },
    async (request) => {
      const session = await hub.sessionFor(await actorOf(store, request), request.params.id);
      const { after, before, limit = DEFAULT_EVENT_PAGE } = request.query;
      return store.listChatEvents(session.tenantId, session.id, { after, before, limit });
    },
  );

  api.post<IdParams & { Body: Wire.RatingBody }>(
    ROUTES.liveRating,
    { config: { roles: ['customer'] }, schema: { params: SessionIdParams, body: RatingBody, response: { 200: Accepted } } },
    async (request) => {
      await hub.rate(await actorOf(store, request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  api.post<IdParams & { Body: Wire.TranscriptBody }>(
    ROUTES.liveTranscript,
    { config: { roles: SESSION_ROLES }, schema: { params: SessionIdParams, body: TranscriptBody, response: { 202: Accepted } } },
    async (request, reply) => {
      const session = await hub.sessionFor(await actorOf(store, request), request.params.id);
      if (!(await store.countTranscript(session.tenantId, session.id, MAX_TRANSCRIPTS))) {
        throw new ApiError(429, 'rate_limited', `a session sends at most ${MAX_TRANSCRIPTS} transcripts`);
      }
      const tenant = await store.getTenant(session.tenantId);
      const { subject, body } = renderTranscript(tenant?.name ?? session.tenantId, session, await hub.allEvents(session.tenantId, session.id));
      await mail.send({ tenantId: session.tenantId, to: request.body.email, subject, body });
      return reply.status(202).send({ ok: true });
    },
  );

  // Uploads: the raw file as the body, any media type (checked here so that the answer is
  // file_type_not_allowed), up to LIVE_LIMITS.maxFileBytes.
  api.register(async (upload) => {
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIVE_LIMITS.maxFileBytes }, (_request, body, done) =>
      done(null, body),
    );
    upload.setErrorHandler((error: FastifyError, request, reply) =>
      errorHandler(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (fileTooLarge() as unknown as FastifyError) : error, request, reply),
    );
    upload.addHook('onRequest', async (request) => {
      const type = mediaType(request.headers['content-type']);
      if (!isAllowedType(type)) {
        throw new ApiError(415, 'file_type_not_allowed', `files may be ${LIVE_LIMITS.fileTypes.join(', ')}; not '${type.slice(0, 80) || 'none'}'`);
      }
      if (Number(request.headers['content-length'] ?? 0) > LIVE_LIMITS.maxFileBytes) throw fileTooLarge();
    });
    upload.post<IdParams & { Querystring: { name: string } }>(
      ROUTES.liveFiles,
      {
        bodyLimit: LIVE_LIMITS.maxFileBytes,
        config: { roles: SESSION_ROLES },
        schema: { params: SessionIdParams, querystring: FileUploadQuery, response: { 201: FileInfo } },
      },
      async (request, reply) => {
        const actor = await actorOf(store, request);
        const session = await hub.writable(actor, request.params.id);
        if (session.state === 'ended') throw new ApiError(409, 'session_ended', 'the session has ended');
        const bytes = request.body;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw invalidRequest('the file is empty');
        if (bytes.length > LIVE_LIMITS.maxFileBytes) throw fileTooLarge();
        if ((await store.countLiveFiles(session.tenantId, session.id)) >= MAX_FILES_PER_SESSION) {
          throw new ApiError(429, 'rate_limited', `a session holds at most ${MAX_FILES_PER_SESSION} files`);
        }
        const file = {
          id: newId('f'),
          tenantId: session.tenantId,
          sessionId: session.id,
          name: sanitizeFileName(request.query.name),
          type: mediaType(request.headers['content-type']),
          size: bytes.length,
          uploadedBy: { role: actor.role, id: actor.role === 'agent' ? actor.agent.id : null },
          createdAt: Date.now(),
        };
        await store.saveLiveFile(file, bytes);
        return reply.status(201).send(await hub.files.info(file));
      },
    );
  });
}

function registerAgentRoutes(api: FastifyInstance, hub: LiveHub) {
  const { store } = hub;
  const config = { roles: AGENT };

  api.get(ROUTES.agentMe, { config, schema: { response: { 200: Agent } } }, async (request) =>
    toAgent((await agentOf(store, request)).agent),
  );

  api.post<{ Body: { status: Wire.AgentStatus } }>(
    ROUTES.agentStatus,
    { config, schema: { body: AgentStatusBody, response: { 200: Agent } } },
    async (request) => toAgent(await hub.setStatus((await agentOf(store, request)).agent, request.body.status)),
  );

  api.get<{ Querystring: Wire.AgentSessionsQuery }>(
    ROUTES.agentSessions,
    { config, schema: { querystring: AgentSessionsQuery, response: { 200: SessionList } } },
    async (request) => {
      const { tenantId } = request.principal;
      const { query } = request;
      const records = await store.listLiveSessions(tenantId, {
        states: parseStates(query.state),
        skill: query.skill,
        kind: query.kind,
        data: parseDataFilter(query.data),
        limit: query.limit ?? DEFAULT_SESSION_PAGE,
      });
      return { items: await hub.views(tenantId, records) };
    },
  );

  api.get<{ Params: { code: string } }>(
    ROUTES.agentSessionByCode,
    { config, schema: { params: CodeParams, response: { 200: LiveSession } } },
    async (request) => {
      const session = await store.findOpenSessionByCode(request.principal.tenantId, request.params.code);
      if (!session) throw new ApiError(404, 'session_not_found', `no open session has the code ${request.params.code}`);
      return hub.view(session);
    },
  );

  api.post<{ Params: { code: string }; Body: Wire.AssignBody }>(
    ROUTES.agentSessionByCode,
    { config, schema: { params: CodeParams, body: AssignBody, response: { 200: LiveSession } } },
    async (request) => hub.transfers.assign(request.principal.tenantId, request.params.code, request.body.to),
  );

  api.get(ROUTES.agentConfig, { config, schema: { response: { 200: AgentConfig } } }, async (request) =>
    hub.transfers.config(request.principal.tenantId),
  );

  api.get(ROUTES.agentTransferTargets, { config, schema: { response: { 200: TransferTargets } } }, async (request) =>
    hub.transfers.targets(request.principal.tenantId),
  );

  api.post<IdParams & { Body: Wire.TransferBody }>(
    ROUTES.agentTransfer,
    { config, schema: { params: SessionIdParams, body: TransferBody, response: { 200: LiveSession } } },
    async (request) => {
      const { to, note } = request.body;
      return hub.transfers.transfer((await agentOf(store, request)).agent, request.params.id, to, note);
    },
  );

  api.get<IdParams>(
    ROUTES.agentSession,
    { config, schema: { params: SessionIdParams, response: { 200: AgentSessionDetail } } },
    async (request) => {
      const session = await hub.sessionFor(await agentOf(store, request), request.params.id);
      return { session: await hub.view(session), consumer: await consumerView(store, session.tenantId, session.consumerKey) };
    },
  );

  api.post<IdParams>(ROUTES.agentAccept, { config, schema: { params: SessionIdParams, response: { 200: LiveSession } } }, async (request) =>
    hub.accept((await agentOf(store, request)).agent, request.params.id),
  );

  api.post<IdParams & { Body: Wire.AgentMessageBody }>(
    ROUTES.agentMessages,
    { config, schema: { params: SessionIdParams, body: AgentMessageBody, response: { 200: MessageAck } } },
    async (request) => {
      const { clientId, text } = request.body;
      if (!text.trim()) throw invalidRequest('the message is empty', [{ path: '/text', message: 'is only whitespace' }]);
      const { event } = await hub.post(await agentOf(store, request), request.params.id, clientId, { text });
      return { clientId, seq: event.seq };
    },
  );

  api.post<IdParams>(ROUTES.agentEnd, { config, schema: { params: SessionIdParams, response: { 200: LiveSession } } }, async (request) =>
    hub.end(await agentOf(store, request), request.params.id),
  );

  registerCobrowseAgentRoutes(api, hub, config);
}

/** The live routes that take a bearer token (register inside the authenticated scope). */
export function registerLiveRoutes(api: FastifyInstance, hub: LiveHub, mail: MailSender) {
  registerCustomerRoutes(api, hub, mail);
  registerAgentRoutes(api, hub);
}

/**
 * The file download: no token, the signature in the URL instead. Files are served as attachments
 * (images inline), never sniffed, and under a CSP that lets nothing run.
 */
export function registerFileDownload(app: FastifyInstance, hub: LiveHub) {
  app.get<{ Params: { fileId: string }; Querystring: { sig: string } }>(
    ROUTES.liveFile,
    { schema: { params: FileIdParams, querystring: FileDownloadQuery } },
    async (request, reply) => {
      const { fileId } = request.params;
      if (!(await hub.files.verify(fileId, request.query.sig))) throw new ApiError(403, 'forbidden', 'this file link is not valid');
      const file = await hub.store.getLiveFile(fileId);
      if (!file) throw new ApiError(404, 'file_not_found', 'the file does not exist');
      return reply
        .type(file.type)
        .header('content-disposition', contentDisposition(file.name, file.type))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox")
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, max-age=3600')
        .send(file.bytes);
    },
  );
}
