/**
 * The access matrix: every route the server registers, and what each kind of caller gets from it
 * (docs/security.md#the-access-matrix). A route without its row fails the test, and so does a row
 * whose route is gone.
 *
 * Each row is called for real by every caller, with tenant A's real ids in the path and query
 * (A's open chat, A's path, A's recording...), so that "tenant B gets 404 for A's session" is a
 * request, not a belief. Besides the status (and its error code), every answer to a caller that
 * is not of A must hold none of A's data, and must be the same whether the id it names is A's or
 * does not exist at all (no existence leak). GET rows are also asked with HEAD (Fastify adds a
 * HEAD route to each), which must answer the same status.
 *
 * Adding a route: add its row to MATRIX with the status each caller must get, and how to call it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routePath, ROUTES } from '../../src/protocol/routes.js';
import { TEST_ACCOUNTS, TEST_PASSWORD } from '../test-server.js';
import {
  buildWorld,
  CALLERS,
  STAFF_CALLERS,
  type StaffCaller,
  FOREIGN,
  OUTSIDERS,
  send,
  UNAUTHORIZED_CODE,
  type Answer,
  type Call,
  type Caller,
  type Ids,
  type World,
} from './access-matrix-world.js';
import { makePath, pngPixel, uid } from './helpers.js';
import { uploadThemeFile } from '../admin/themes.js';
import { themeFileUrl } from '../theme-files.js';
import { uploadContentImage } from '../admin/content-images.js';
import { LiveClient } from './live-helpers.js';

interface Row {
  /** `METHOD url` as registered; a GET row covers the HEAD route Fastify adds. */
  route: string;
  /** Who may call it, in words. */
  access: string;
  /** The status each caller gets, in the order of CALLERS. */
  expect: readonly number[];
  /**
   * The status each signed-in caller gets, in the order of STAFF_CALLERS. Default: what `none`
   * gets on a public route, else 403 (a session cookie is no token for the token routes).
   */
  staff?: readonly number[];
  /** The error code of a status, when not the usual one (see `check`). */
  codes?: Partial<Record<number, string>>;
  /** The row ends the callers' sign-in sessions: they sign in again after it (and no ghost call is made). */
  endsSessions?: boolean;
  /** The request, naming the ids given (A's real ones, or ghosts); it may make what it names first. */
  call: (ids: Ids, world: World) => Call | Promise<Call>;
  /** Whose customer token `sessionA` is: the open chat's (default) or the ended one's. */
  session?: 'open' | 'ended';
  /** Something of A's that the answer to A's allowed callers must show (so that its absence elsewhere means something). */
  shows?: (ids: Ids) => string;
}

const at = Date.now();
const ORIGIN = { origin: 'https://shop.example.com' };
/** A route for signed-in accounts only: no token passes (a revoked or expired one is 401 as anywhere). */
const STAFF_ONLY = [401, 403, 403, 403, 403, 403, 403, 401, 401] as const;
/** Content authoring's staff columns: a list (B's own for B), a thing of A's (404 for B), something made (B's own for B). */
const AUTHORS_LIST = [200, 403, 403, 200, 200, 403, 403, 200] as const;
const AUTHORS_ONE = [200, 403, 403, 200, 404, 403, 403, 404] as const;
const AUTHORS_CREATE = [201, 403, 403, 201, 201, 403, 403, 201] as const;
const AUTHORS_CREATE_ONE = [201, 403, 403, 201, 404, 403, 403, 404] as const;
/** Text only A's hosted theme file holds (a public file: not a secret). */
const THEME_CANARY = 'theme-canary-of-a';

/** A's hosted theme file (uploaded when it has none): its admin path, or its public one. */
async function themeOfA(world: World, which: 'admin' | 'public'): Promise<string> {
  const actor = { kind: 'cli' as const };
  const file =
    (await world.server.store.getThemeFile('demo', 'theme')) ??
    (await uploadThemeFile(world.server.store, actor, { tenantId: 'demo', kind: 'theme', bytes: Buffer.from(`.${THEME_CANARY} { color: teal; }`), origin: 'http://localhost' })).file;
  return which === 'admin' ? routePath(ROUTES.adminBrandingTheme, { kind: 'theme' }) : new URL(themeFileUrl('http://localhost', file)).pathname;
}

/** A's hosted step image (uploaded again: the same bytes answer the same URL): its public path. */
async function imageOfA(world: World): Promise<string> {
  const image = await uploadContentImage(world.server.store, { kind: 'cli' }, { tenantId: 'demo', type: 'image/png', bytes: pngPixel(0xa0a0a0), origin: 'http://localhost' });
  return new URL(image.url).pathname;
}
let imageSeed = 0;

const sessionCall = (route: string) => (ids: Ids) => ({ path: routePath(route, { id: ids.open }) });

// Status codes: 200/201/202 allowed (204 for the CORS preflight, 302 for redirects); 400 allowed,
// but the input is not right for this caller (tenant B naming A's path in its activity: "there is
// no path", as for a path that exists nowhere); 401 no valid token; 403 a token of the wrong kind
// (or of another session); 404 the resource is not the caller's tenant's (the same answer as for
// an id that does not exist); 426 not a WebSocket upgrade.
const MATRIX: Row[] = [
  //                                                                                     none appA sesA agtA appB agtB sesB revk expd
  // Public: health and readiness, the OpenAPI document, the CORS preflight, static files, the demo pages.
  { route: `GET ${ROUTES.health}`, access: 'public', expect:                            [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.health }) },
  { route: `GET ${ROUTES.ready}`, access: 'public', expect:                             [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.ready }) },
  { route: `GET ${ROUTES.openapi}`, access: 'public (no secrets)', expect:              [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.openapi }) },
  { route: 'OPTIONS *', access: 'public (CORS preflight)', expect:                      [204, 204, 204, 204, 204, 204, 204, 204, 204],
    call: () => ({ path: ROUTES.agentMe, headers: { ...ORIGIN, 'access-control-request-method': 'GET' } }) },
  { route: 'GET /sdk/*', access: 'public', expect:                                      [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: '/sdk/self-help.js' }) },
  { route: 'GET /themes/*', access: 'public', expect:                                   [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: '/themes/default.css' }) },
  { route: 'GET /', access: 'public (redirect to /demo/)', expect:                     [302, 302, 302, 302, 302, 302, 302, 302, 302], call: () => ({ path: '/' }) },
  { route: 'GET /demo', access: 'public (redirect to /demo/)', expect:                 [302, 302, 302, 302, 302, 302, 302, 302, 302], call: () => ({ path: '/demo' }) },
  { route: 'GET /demo/*', access: 'public (demo pages)', expect:                       [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: '/demo/index.html' }) },
  // The portal's page (server/portal-page.ts): public, the sign-in happens in it.
  { route: 'GET /portal', access: 'public (redirect to /portal/)', expect:             [302, 302, 302, 302, 302, 302, 302, 302, 302], call: () => ({ path: '/portal' }) },
  { route: 'GET /portal/', access: 'public (the portal page)', expect:                 [200, 200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: '/portal/' }) },
  // The live channel: the upgrade itself is open, the token comes in `hello` (see the WebSocket tests below).
  { route: `GET ${ROUTES.liveSocket}`, access: 'public handshake, token in hello', expect: [426, 426, 426, 426, 426, 426, 426, 426, 426], call: () => ({ path: ROUTES.liveSocket }) },
  // A chat file: the signature in its URL is the access, a token changes nothing (the signature here is altered).
  { route: `GET ${ROUTES.liveFile}`, access: 'signed URL', expect:                      [403, 403, 403, 403, 403, 403, 403, 403, 403],
    call: (ids, w) => ({ path: routePath(ROUTES.liveFile, { fileId: ids.file }), query: { sig: `${w.fileSig.slice(0, -1)}${w.fileSig.endsWith('A') ? 'B' : 'A'}` } }) },
  // The embed page: an application token in the `jwt` parameter (a problem page otherwise).
  { route: 'GET /embed', access: 'application token (jwt parameter)', expect:           [401, 200, 403, 403, 200, 403, 403, 401, 401], call: () => ({ path: '/embed', tokenIn: 'jwt' }),
    staff: [401, 401, 401, 401, 401, 401, 401, 401] },
  { route: 'GET /embed/', access: 'application token (jwt parameter)', expect:          [401, 200, 403, 403, 200, 403, 403, 401, 401], call: () => ({ path: '/embed/', tokenIn: 'jwt' }),
    staff: [401, 401, 401, 401, 401, 401, 401, 401] },

  // Content: application and agent tokens, of the caller's tenant only.
  { route: `GET ${ROUTES.paths}`, access: 'application, agent', expect:                 [401, 200, 403, 200, 200, 200, 403, 401, 401], call: () => ({ path: ROUTES.paths }), shows: (ids) => ids.path },
  { route: `GET ${ROUTES.path}`, access: 'application, agent', expect:                  [401, 200, 403, 200, 404, 404, 403, 401, 401], call: (ids) => ({ path: routePath(ROUTES.path, { id: ids.path }) }), shows: (ids) => ids.path },
  { route: `GET ${ROUTES.helpId}`, access: 'application, agent', expect:                [401, 200, 403, 200, 404, 404, 403, 401, 401], call: (ids) => ({ path: routePath(ROUTES.helpId, { helpId: ids.helpId }) }), shows: (ids) => ids.path },
  { route: `GET ${ROUTES.search}`, access: 'application, agent', expect:                [401, 200, 403, 200, 200, 200, 403, 401, 401], call: () => ({ path: ROUTES.search, query: { q: 'smart bulb' } }), shows: (ids) => ids.path },
  { route: `GET ${ROUTES.categories}`, access: 'application, agent', expect:            [401, 200, 403, 200, 200, 200, 403, 401, 401], call: () => ({ path: ROUTES.categories }) },
  { route: `GET ${ROUTES.recommended}`, access: 'application, agent', expect:           [401, 200, 403, 200, 200, 200, 403, 401, 401], call: (ids) => ({ path: ROUTES.recommended, query: { consumer: ids.consumer } }) },
  { route: `GET ${ROUTES.branding}`, access: 'application, agent', expect:              [401, 200, 403, 200, 200, 200, 403, 401, 401], call: () => ({ path: ROUTES.branding }) },
  // What the customer's page writes and reads: application tokens only.
  { route: `POST ${ROUTES.context}`, access: 'application', expect:                     [401, 200, 403, 403, 200, 403, 403, 401, 401],
    call: (ids) => ({ path: ROUTES.context, body: { consumer: ids.consumer, ops: [{ id: uid('op'), at, op: 'log', kind: 'action', name: 'Matrix' }] } }) },
  { route: `POST ${ROUTES.activity}`, access: 'application', expect:                    [401, 200, 403, 403, 400, 403, 403, 401, 401],
    call: (ids) => ({ path: ROUTES.activity, body: { consumer: ids.consumer, events: [{ id: uid('op'), at, pathId: ids.path, event: 'started' }] } }) },
  { route: `GET ${ROUTES.cobrowseSettings}`, access: 'application', expect:             [401, 200, 403, 403, 200, 403, 403, 401, 401], call: () => ({ path: ROUTES.cobrowseSettings }) },
  { route: `POST ${ROUTES.liveSessions}`, access: 'application', expect:                [401, 201, 403, 403, 201, 403, 403, 401, 401],
    call: () => ({ path: ROUTES.liveSessions, body: { consumer: uid('consumer'), kind: 'chat', skill: 'support', clientId: uid('request') } }) },

  // One live session: its customer's session token, or an agent of its tenant.
  { route: `GET ${ROUTES.liveSession}`, access: 'session (own), agent', expect:        [401, 403, 200, 200, 403, 404, 403, 401, 401], call: sessionCall(ROUTES.liveSession), shows: (ids) => ids.code },
  { route: `GET ${ROUTES.liveEvents}`, access: 'session (own), agent', expect:         [401, 403, 200, 200, 403, 404, 403, 401, 401], call: sessionCall(ROUTES.liveEvents), shows: () => 'canary message' },
  { route: `POST ${ROUTES.liveFiles}`, access: 'session (own), agent (its own chat)', expect: [401, 403, 201, 201, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.liveFiles, { id: ids.open }), query: { name: 'b.txt' }, raw: { body: 'another file', type: 'text/plain' } }) },
  { route: `POST ${ROUTES.liveRating}`, access: 'session (own)', session: 'ended', expect: [401, 403, 200, 403, 403, 403, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.liveRating, { id: ids.ended }), body: { score: 5 } }) },
  { route: `POST ${ROUTES.liveTranscript}`, access: 'session (own), agent', session: 'ended', expect: [401, 403, 202, 202, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.liveTranscript, { id: ids.ended }), body: { email: 'someone@b.example' } }) },

  // Agents: agent tokens, of the session's tenant.
  { route: `GET ${ROUTES.agentMe}`, access: 'agent', expect:                            [401, 403, 403, 200, 403, 200, 403, 401, 401], call: () => ({ path: ROUTES.agentMe }) },
  { route: `POST ${ROUTES.agentStatus}`, access: 'agent', expect:                       [401, 403, 403, 200, 403, 200, 403, 401, 401], call: () => ({ path: ROUTES.agentStatus, body: { status: 'available' } }) },
  { route: `GET ${ROUTES.agentSessions}`, access: 'agent', expect:                      [401, 403, 403, 200, 403, 200, 403, 401, 401], call: () => ({ path: ROUTES.agentSessions }), shows: (ids) => ids.open },
  { route: `GET ${ROUTES.agentSessionByCode}`, access: 'agent', expect:                 [401, 403, 403, 200, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.agentSessionByCode, { code: ids.code }) }), shows: (ids) => ids.open },
  // Assigning by code (the IVR): A's open chat is active, so A's agent is told it is not waiting.
  { route: `POST ${ROUTES.agentSessionByCode}`, access: 'agent', expect:                [401, 403, 403, 409, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.agentSessionByCode, { code: ids.code }), body: { to: { skill: 'sales' } } }) },
  { route: `GET ${ROUTES.agentConfig}`, access: 'agent', expect:                        [401, 403, 403, 200, 403, 200, 403, 401, 401], call: () => ({ path: ROUTES.agentConfig }) },
  { route: `GET ${ROUTES.agentTransferTargets}`, access: 'agent', expect:               [401, 403, 403, 200, 403, 200, 403, 401, 401], call: () => ({ path: ROUTES.agentTransferTargets }) },
  // Transferring the ended chat: A's agent may, but it has ended (the open one stays Alex's for the other rows).
  { route: `POST ${ROUTES.agentTransfer}`, access: 'agent (its own active chat)', session: 'ended', expect: [401, 403, 403, 409, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.agentTransfer, { id: ids.ended }), body: { to: { skill: 'sales' }, note: 'from the matrix' } }) },
  { route: `GET ${ROUTES.agentSession}`, access: 'agent', expect:                       [401, 403, 403, 200, 403, 404, 403, 401, 401], call: sessionCall(ROUTES.agentSession), shows: (ids) => ids.consumer },
  { route: `POST ${ROUTES.agentAccept}`, access: 'agent', expect:                       [401, 403, 403, 200, 403, 404, 403, 401, 401], call: sessionCall(ROUTES.agentAccept) },
  { route: `POST ${ROUTES.agentMessages}`, access: 'agent (its own chat)', expect:      [401, 403, 403, 200, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.agentMessages, { id: ids.open }), body: { clientId: uid('msg'), text: 'From the matrix' } }) },
  { route: `POST ${ROUTES.agentEnd}`, access: 'agent', session: 'ended', expect:        [401, 403, 403, 200, 403, 404, 403, 401, 401], call: (ids) => ({ path: routePath(ROUTES.agentEnd, { id: ids.ended }) }) },
  { route: `GET ${ROUTES.agentCobrowse}`, access: 'agent', expect:                      [401, 403, 403, 200, 403, 200, 403, 401, 401], call: (ids) => ({ path: ROUTES.agentCobrowse, query: { sessionId: ids.open } }), shows: (ids) => ids.cobrowse },
  { route: `GET ${ROUTES.agentCobrowseRecordings}`, access: 'agent', expect:            [401, 403, 403, 200, 403, 200, 403, 401, 401],
    call: (ids) => ({ path: ROUTES.agentCobrowseRecordings, query: { sessionId: ids.open } }), shows: (ids) => ids.recording },
  { route: `GET ${ROUTES.agentCobrowseRecording}`, access: 'agent', expect:             [401, 403, 403, 200, 403, 404, 403, 401, 401],
    call: (ids) => ({ path: routePath(ROUTES.agentCobrowseRecording, { id: ids.recording }) }), shows: () => 'canary frame' },

  // The admin API behind the portal: a signed-in account of the tenant, by role (staff columns
  // as above); its own tenant's only (B's admin gets 404 for A's ids, and lists of B's own).
  { route: `GET ${ROUTES.adminTokens}`, access: 'admin, supervisor', expect:          STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminTokens }), shows: (ids) => ids.token },
  { route: `POST ${ROUTES.adminTokens}`, access: 'admin', expect:                     STAFF_ONLY, staff: [201, 403, 403, 403, 201, 403, 403, 403],
    call: () => ({ path: ROUTES.adminTokens, body: { name: 'Matrix app' } }) },
  { route: `GET ${ROUTES.adminTokenJwt}`, access: 'admin', expect:                    STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminTokenJwt, { id: ids.token }) }), shows: (ids) => ids.token },
  { route: `POST ${ROUTES.adminTokenRevoke}`, access: 'admin', expect:                STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminTokenRevoke, { id: ids.token }) }) },
  { route: `GET ${ROUTES.adminSkills}`, access: 'admin, supervisor', expect:          STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminSkills }), shows: (ids) => ids.skill },
  { route: `POST ${ROUTES.adminSkills}`, access: 'admin, supervisor', expect:         STAFF_ONLY, staff: [201, 201, 403, 403, 201, 201, 403, 403],
    call: () => ({ path: ROUTES.adminSkills, body: { id: uid('matrix-skill'), name: 'Matrix' } }) },
  { route: `PATCH ${ROUTES.adminSkill}`, access: 'admin, supervisor', expect:         STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminSkill, { id: ids.skill }), body: { name: 'Renamed by the matrix' } }), shows: (ids) => ids.skill },
  { route: `DELETE ${ROUTES.adminSkill}`, access: 'admin, supervisor', expect:        STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: async (ids, w) => ({ path: routePath(ROUTES.adminSkill, { id: ids === w.real ? await w.freshSkill() : ids.skill }) }) },
  { route: `POST ${ROUTES.adminSkillAssign}`, access: 'admin, supervisor', expect:    STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminSkillAssign, { id: ids.skill }), body: { agentIds: ['alex'] } }) },
  { route: `POST ${ROUTES.adminSkillUnassign}`, access: 'admin, supervisor', expect:  STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminSkillUnassign, { id: ids.skill }), body: { agentIds: ['alex'] } }) },
  { route: `GET ${ROUTES.adminUsers}`, access: 'admin, supervisor', expect:           STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminUsers }), shows: (ids) => ids.account },
  { route: `POST ${ROUTES.adminUsers}`, access: 'admin', expect:                      STAFF_ONLY, staff: [201, 403, 403, 403, 201, 403, 403, 403],
    call: () => ({ path: ROUTES.adminUsers, body: { email: `${uid('matrix')}@matrix.example`, name: 'Matrix', role: 'supervisor' } }) },
  { route: `PATCH ${ROUTES.adminUser}`, access: 'admin, supervisor (skills, max sessions)', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminUser, { id: ids.account }), body: { maxSessions: 2 } }), shows: (ids) => ids.account },
  { route: `DELETE ${ROUTES.adminUser}`, access: 'admin', expect:                    STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: async (ids, w) => ({ path: routePath(ROUTES.adminUser, { id: ids === w.real ? await w.freshAccount() : ids.account }) }) },
  { route: `POST ${ROUTES.adminUserDisable}`, access: 'admin', expect:                STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminUserDisable, { id: ids.account }) }) },
  { route: `POST ${ROUTES.adminUserEnable}`, access: 'admin', expect:                 STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminUserEnable, { id: ids.account }) }) },
  { route: `POST ${ROUTES.adminUserPasswordReset}`, access: 'admin', expect:          STAFF_ONLY, staff: [200, 403, 403, 403, 404, 403, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminUserPasswordReset, { id: ids.account }) }) },
  { route: `GET ${ROUTES.adminBranding}`, access: 'admin, supervisor, author', expect: STAFF_ONLY, staff: [200, 200, 403, 200, 200, 200, 403, 200],
    call: () => ({ path: ROUTES.adminBranding }), shows: () => 'canary-theme' },
  { route: `PUT ${ROUTES.adminBranding}`, access: 'admin', expect:                    STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminBranding, body: { applyOnMobile: true } }), shows: () => 'canary-theme' },
  { route: `DELETE ${ROUTES.adminBranding}`, access: 'admin', expect:                 STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminBranding }) },
  // Hosted theme files: A's is made (again) before each call that needs it; B has none until the PUT row.
  { route: `GET ${ROUTES.adminBrandingTheme}`, access: 'admin, supervisor', expect:   STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: async (_ids, w) => ({ path: await themeOfA(w, 'admin') }), shows: () => THEME_CANARY },
  { route: `GET ${ROUTES.themeFile}`, access: 'public (a hosted theme file)', expect:  [200, 200, 200, 200, 200, 200, 200, 200, 200],
    call: async (_ids, w) => ({ path: await themeOfA(w, 'public') }) },
  { route: `PUT ${ROUTES.adminBrandingTheme}`, access: 'admin', expect:               STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: routePath(ROUTES.adminBrandingTheme, { kind: 'step-content' }), raw: { body: 'p { margin: 0; }', type: 'text/css' } }) },
  { route: `DELETE ${ROUTES.adminBrandingTheme}`, access: 'admin', expect:            STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: async (_ids, w) => ({ path: await themeOfA(w, 'admin') }) },
  { route: `POST ${ROUTES.adminBrandingPreviewToken}`, access: 'admin', expect:       STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminBrandingPreviewToken }) },
  { route: `GET ${ROUTES.adminCobrowseSettings}`, access: 'admin, supervisor', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminCobrowseSettings }), shows: () => 'canary-selector' },
  { route: `PUT ${ROUTES.adminCobrowseSettings}`, access: 'admin', expect:            STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminCobrowseSettings, body: { recording: false } }), shows: () => 'canary-selector' },
  { route: `DELETE ${ROUTES.adminCobrowseSettings}`, access: 'admin', expect:         STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminCobrowseSettings }) },
  { route: `GET ${ROUTES.adminCobrowseRecordings}`, access: 'admin, supervisor', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: (ids) => ({ path: ROUTES.adminCobrowseRecordings, query: { sessionId: ids.open } }), shows: (ids) => ids.recording },
  { route: `GET ${ROUTES.adminCobrowseRecording}`, access: 'admin, supervisor', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 404, 404, 403, 403],
    call: (ids) => ({ path: routePath(ROUTES.adminCobrowseRecording, { id: ids.recording }) }), shows: () => 'canary frame' },
  { route: `GET ${ROUTES.adminConfig}`, access: 'admin, supervisor', expect:          STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminConfig }) },
  { route: `PUT ${ROUTES.adminConfig}`, access: 'admin', expect:                      STAFF_ONLY, staff: [200, 403, 403, 403, 200, 403, 403, 403],
    call: () => ({ path: ROUTES.adminConfig, body: { allowSessionTransfer: true } }) },
  { route: `GET ${ROUTES.adminAudit}`, access: 'admin, supervisor', expect:           STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminAudit, query: { limit: '200' } }), shows: (ids) => ids.token },
  { route: `GET ${ROUTES.adminAnalyticsSelfHelp}`, access: 'admin, supervisor', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminAnalyticsSelfHelp, query: { from: String(at - 30 * 86_400_000), to: String(at + 86_400_000) } }) },
  { route: `GET ${ROUTES.adminAnalyticsLiveHelp}`, access: 'admin, supervisor', expect: STAFF_ONLY, staff: [200, 200, 403, 403, 200, 200, 403, 403],
    call: () => ({ path: ROUTES.adminAnalyticsLiveHelp, query: { from: String(at - 30 * 86_400_000), to: String(at + 86_400_000) } }) },

  // Content authoring: admins and authors of the tenant (staff columns: adminA supervisorA agentA
  // authorA adminB supervisorB agentB authorB). A new path or category of A for each call that
  // changes or deletes one (`freshPath`, `freshCategory`), so A's path stays for the other rows.
  { route: `GET ${ROUTES.adminContentPaths}`, access: 'admin, author', expect:        STAFF_ONLY, staff: AUTHORS_LIST,
    call: () => ({ path: ROUTES.adminContentPaths, query: { limit: '200' } }), shows: (ids) => ids.path },
  { route: `POST ${ROUTES.adminContentPaths}`, access: 'admin, author', expect:       STAFF_ONLY, staff: AUTHORS_CREATE,
    call: () => ({ path: ROUTES.adminContentPaths, body: { ...makePath(uid('matrix-path')), category: 'lighting' } }) },
  { route: `GET ${ROUTES.adminContentPath}`, access: 'admin, author', expect:         STAFF_ONLY, staff: AUTHORS_ONE,
    call: (ids) => ({ path: routePath(ROUTES.adminContentPath, { id: ids.path }) }), shows: (ids) => ids.helpId },
  { route: `PUT ${ROUTES.adminContentPath}`, access: 'admin, author', expect:         STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => {
      const { id, revision } = ids === w.real ? await w.freshPath() : { id: ids.path, revision: 0 };
      return { path: routePath(ROUTES.adminContentPath, { id }), body: { revision, path: { ...makePath(id), category: 'lighting' } } };
    } },
  { route: `DELETE ${ROUTES.adminContentPath}`, access: 'admin, author', expect:      STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => ({ path: routePath(ROUTES.adminContentPath, { id: ids === w.real ? (await w.freshPath()).id : ids.path }) }) },
  { route: `DELETE ${ROUTES.adminContentPathDraft}`, access: 'admin, author', expect: STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => {
      const { id, revision } = ids === w.real ? await w.freshPath(true) : { id: ids.path, revision: 0 };
      return { path: routePath(ROUTES.adminContentPathDraft, { id }), query: { revision: String(revision) } };
    } },
  { route: `POST ${ROUTES.adminContentPathPublish}`, access: 'admin, author', expect: STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => {
      const { id, revision } = ids === w.real ? await w.freshPath(true) : { id: ids.path, revision: 0 };
      return { path: routePath(ROUTES.adminContentPathPublish, { id }), body: { revision } };
    } },
  { route: `POST ${ROUTES.adminContentPathDuplicate}`, access: 'admin, author', expect: STAFF_ONLY, staff: AUTHORS_CREATE_ONE,
    call: (ids) => ({ path: routePath(ROUTES.adminContentPathDuplicate, { id: ids.path }), body: { id: uid('matrix-copy') } }) },
  { route: `GET ${ROUTES.adminContentPathLinks}`, access: 'admin, author', expect:    STAFF_ONLY, staff: AUTHORS_ONE,
    call: (ids) => ({ path: routePath(ROUTES.adminContentPathLinks, { id: ids.path }) }), shows: (ids) => ids.helpId },
  { route: `GET ${ROUTES.adminContentPathVersions}`, access: 'admin, author', expect: STAFF_ONLY, staff: AUTHORS_ONE,
    call: (ids) => ({ path: routePath(ROUTES.adminContentPathVersions, { id: ids.path }) }) },
  { route: `GET ${ROUTES.adminContentPathVersion}`, access: 'admin, author', expect:  STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => ({ path: routePath(ROUTES.adminContentPathVersion, { id: ids === w.real ? (await w.freshPath()).id : ids.path, version: '1' }) }) },
  { route: `POST ${ROUTES.adminContentPathRestore}`, access: 'admin, author', expect: STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => {
      const { id, revision } = ids === w.real ? await w.freshPath() : { id: ids.path, revision: 0 };
      return { path: routePath(ROUTES.adminContentPathRestore, { id, version: '1' }), body: { revision } };
    } },
  // A's help-id given to the A path that holds it (nothing changes): B names a path it does not have.
  { route: `PUT ${ROUTES.adminContentHelpId}`, access: 'admin, author', expect:      STAFF_ONLY, staff: AUTHORS_ONE,
    call: (ids) => ({ path: routePath(ROUTES.adminContentHelpId, { helpId: ids.helpId }), body: { pathId: ids.path } }), shows: (ids) => ids.path },
  { route: `GET ${ROUTES.adminContentCategories}`, access: 'admin, author', expect:   STAFF_ONLY, staff: AUTHORS_LIST,
    call: () => ({ path: ROUTES.adminContentCategories }), shows: () => 'lighting' },
  { route: `POST ${ROUTES.adminContentCategories}`, access: 'admin, author', expect:  STAFF_ONLY, staff: AUTHORS_CREATE,
    call: () => ({ path: ROUTES.adminContentCategories, body: { id: uid('matrix-category'), name: 'Matrix', description: '' } }) },
  { route: `PATCH ${ROUTES.adminContentCategory}`, access: 'admin, author', expect:   STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => ({ path: routePath(ROUTES.adminContentCategory, { id: ids === w.real ? await w.freshCategory() : 'ghost-category' }), body: { name: 'Changed by the matrix' } }) },
  { route: `DELETE ${ROUTES.adminContentCategory}`, access: 'admin, author', expect:  STAFF_ONLY, staff: AUTHORS_ONE,
    call: async (ids, w) => ({ path: routePath(ROUTES.adminContentCategory, { id: ids === w.real ? await w.freshCategory() : 'ghost-category' }) }) },
  { route: `GET ${ROUTES.adminContentExport}`, access: 'admin, author', expect:      STAFF_ONLY, staff: AUTHORS_LIST,
    call: () => ({ path: ROUTES.adminContentExport }), shows: (ids) => ids.path },
  // A folder of its own (a category and a path), which either tenant may import.
  { route: `POST ${ROUTES.adminContentImport}`, access: 'admin, author', expect:      STAFF_ONLY, staff: AUTHORS_LIST,
    call: () => {
      const path = { ...makePath(uid('matrix-import')), category: 'matrix-import' };
      const files = { 'categories.json': JSON.stringify([{ id: 'matrix-import', name: 'Matrix', description: '' }]), [`matrix-import/${path.id}.json`]: JSON.stringify(path) };
      return { path: ROUTES.adminContentImport, body: { files } };
    } },

  // Hosted step images: a new image for each upload (either tenant may upload its own); A's is public.
  { route: `POST ${ROUTES.adminContentImages}`, access: 'admin, author', expect:      STAFF_ONLY, staff: AUTHORS_CREATE,
    call: () => ({ path: ROUTES.adminContentImages, raw: { body: new Uint8Array(pngPixel(++imageSeed)), type: 'image/png' } }) },
  { route: `GET ${ROUTES.contentImage}`, access: 'public (a hosted step image)', expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
    call: async (_ids, w) => ({ path: await imageOfA(w) }) },

  // Accounts of people: signing in and resetting take nothing; the rest the session cookie
  // (staff columns: adminA supervisorA agentA authorA adminB supervisorB agentB authorB).
  { route: `POST ${ROUTES.authSignIn}`, access: 'public (email and password)', expect: [200, 200, 200, 200, 200, 200, 200, 200, 200],
    call: () => ({ path: ROUTES.authSignIn, body: { email: TEST_ACCOUNTS.demo.supervisor, password: TEST_PASSWORD } }) },
  { route: `POST ${ROUTES.authPasswordReset}`, access: 'public (always 202)', expect:  [202, 202, 202, 202, 202, 202, 202, 202, 202],
    call: () => ({ path: ROUTES.authPasswordReset, body: { email: 'nobody@nowhere.example' } }) },
  { route: `POST ${ROUTES.authPasswordResetConfirm}`, access: 'public (a mailed token)', expect: [400, 400, 400, 400, 400, 400, 400, 400, 400],
    codes: { 400: 'reset_token_invalid' }, call: () => ({ path: ROUTES.authPasswordResetConfirm, body: { token: 'no-such-token', password: 'long enough password' } }) },
  { route: `GET ${ROUTES.authSession}`, access: 'signed in', expect:                   [401, 403, 403, 403, 403, 403, 403, 401, 401],
    staff: [200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.authSession }) },
  { route: `POST ${ROUTES.authPassword}`, access: 'signed in (the current password)', expect: [401, 403, 403, 403, 403, 403, 403, 401, 401],
    staff: [200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.authPassword, body: { current: TEST_PASSWORD, next: TEST_PASSWORD } }) },
  { route: `POST ${ROUTES.authAgentToken}`, access: 'signed in, an account with an agent', expect: [401, 403, 403, 403, 403, 403, 403, 401, 401],
    staff: [403, 403, 200, 403, 403, 403, 200, 403], call: () => ({ path: ROUTES.authAgentToken }) },
  { route: `POST ${ROUTES.authSignOut}`, access: 'signed in', endsSessions: true, expect: [401, 403, 403, 403, 403, 403, 403, 401, 401],
    staff: [200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.authSignOut }) },
  { route: `POST ${ROUTES.authSignOutEverywhere}`, access: 'signed in', endsSessions: true, expect: [401, 403, 403, 403, 403, 403, 403, 401, 401],
    staff: [200, 200, 200, 200, 200, 200, 200, 200], call: () => ({ path: ROUTES.authSignOutEverywhere }) },
];

/** The order callers are asked in: those who must be refused first, so that a refusal that fails does not change what the allowed ones see. */
const ASKING_ORDER: Caller[] = [...OUTSIDERS, 'appA', 'sessionA', 'agentA', 'adminA', 'supervisorA', 'staffAgentA', 'authorA'];
/** Callers of A (whose allowed answers must show A's data). */
const OF_A: readonly Caller[] = ['appA', 'sessionA', 'agentA', 'adminA', 'supervisorA', 'staffAgentA', 'authorA'];

const isStaff = (caller: Caller): caller is StaffCaller => (STAFF_CALLERS as readonly string[]).includes(caller);

/** The status a caller must get from a row. */
function expected(row: Row, caller: Caller): number {
  if (!isStaff(caller)) return row.expect[CALLERS.indexOf(caller)];
  const none = row.expect[0];
  return row.staff ? row.staff[STAFF_CALLERS.indexOf(caller)] : none === 401 ? 403 : none;
}

const methodOf = (row: Row) => row.route.slice(0, row.route.indexOf(' '));
const urlOf = (row: Row) => row.route.slice(row.route.indexOf(' ') + 1);

/** The token (or session cookie) a caller sends for this row. */
function tokenFor(world: World, row: Row, caller: Caller) {
  if (isStaff(caller)) return world.staff[caller];
  return caller === 'sessionA' ? world.sessionToken[row.session ?? 'open'] : world.tokens[caller];
}

/** Checks one answer against the row: status, the error code that goes with it, no data of A for outsiders. */
function check(world: World, row: Row, caller: Caller, answer: Answer, expected: number, method: string) {
  const where = `${method} ${urlOf(row)} as ${caller}`;
  assert.equal(answer.status, expected, `${where}: ${answer.status} ${answer.text.slice(0, 300)}`);
  if (method === 'HEAD') return;
  if (expected === 401) assert.equal(answer.code, UNAUTHORIZED_CODE[caller], `${where}: the 401 code`);
  if (row.codes?.[expected]) assert.equal(answer.code, row.codes[expected], `${where}: the ${expected} code`);
  else if (expected === 403) assert.equal(answer.code, 'forbidden', `${where}: the 403 code`);
  else if (expected === 400) assert.equal(answer.code, 'invalid_request', `${where}: the 400 code`);
  if (expected === 404) assert.match(answer.code ?? '', /not_found$/, `${where}: the 404 code`);
  if (OUTSIDERS.includes(caller)) {
    const secrets = answer.status < 400 ? [...world.secrets, ...world.ids] : world.secrets;
    for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${where}: the answer holds A's '${secret}'`);
  }
  if (row.shows && expected < 300 && OF_A.includes(caller)) {
    const mark = row.shows(world.real);
    assert.ok(answer.text.includes(mark), `${where}: A's own answer shows '${mark}'`);
  }
}

let world: World;
before(async () => {
  world = await buildWorld();
});
after(() => world.close());

describe('access matrix', () => {
  test('every registered route has its row, and every row names a registered route', () => {
    const registered = world.registered;
    // The hook saw the routes every server has (it was there before any of them).
    for (const url of Object.values(ROUTES)) {
      assert.ok([...registered].some((key) => key.endsWith(` ${url}`)), `${url} (ROUTES) is registered`);
    }
    const rows = new Set<string>();
    for (const row of MATRIX) {
      assert.ok(!rows.has(row.route), `one row for ${row.route}`);
      rows.add(row.route);
      assert.equal(row.expect.length, CALLERS.length, `${row.route}: a status for each of ${CALLERS.join(', ')}`);
      if (row.staff) assert.equal(row.staff.length, STAFF_CALLERS.length, `${row.route}: a staff status for each of ${STAFF_CALLERS.join(', ')}`);
      assert.ok(registered.has(row.route), `${row.route} has a row but is not a route (any more): remove the row`);
    }
    // A HEAD route is covered by its GET row; everything else needs a row of its own.
    const missing = [...registered].filter((key) => !rows.has(key) && !(key.startsWith('HEAD ') && rows.has(`GET ${key.slice(5)}`)));
    assert.deepEqual(missing, [], 'routes without a row in the access matrix: add one each');
  });

  for (const row of MATRIX) {
    test(`${row.route}: ${row.access}`, async () => {
      const method = methodOf(row);
      for (const caller of ASKING_ORDER) {
        const status = expected(row, caller);
        const token = tokenFor(world, row, caller);
        const real = await send(world, method, await row.call(world.real, world), token);
        check(world, row, caller, real, status, method);
        if (method === 'GET' && world.registered.has(`HEAD ${urlOf(row)}`)) {
          check(world, row, caller, await send(world, 'HEAD', await row.call(world.real, world), token), status, 'HEAD');
        }
        if (FOREIGN.includes(caller) && !row.endsSessions) {
          // Tenant B cannot tell A's ids from ids that exist nowhere.
          const ghostCall = await row.call(world.ghost, world);
          const ghost = await send(world, method, ghostCall, token);
          const what = `${row.route} as ${caller}: A's ids and ghost ids`;
          assert.deepEqual([real.status, real.code], [ghost.status, ghost.code], `${what} get the same answer`);
          const namesIds = method === 'GET' && JSON.stringify(ghostCall) !== JSON.stringify(await row.call(world.real, world));
          if (method === 'GET' && namesIds && real.status < 300) assert.deepEqual(real.body, ghost.body, `${what} get the same body`);
        }
      }
      if (row.endsSessions) await world.signIn();
    });
  }

  test('the signed file URL opens the file without any token', async () => {
    const path = routePath(ROUTES.liveFile, { fileId: world.real.file });
    const res = await send(world, 'GET', { path, query: { sig: world.fileSig } }, undefined);
    assert.equal(res.status, 200);
    assert.equal(res.text, 'a file of A');
  });
});

describe('access matrix: the live WebSocket', () => {
  const open = () => LiveClient.open(world.server);
  const S = () => world.real.open;

  test('without hello and a token, a socket is told to authenticate, sees nothing, and is cut', async () => {
    const live = await open();
    live.send({ type: 'subscribe', sessionId: S(), since: 0 });
    assert.equal((await live.next('error')).code, 'not_authenticated');
    live.send({ type: 'hello', token: '' });
    assert.equal(await live.closed, 4408);
    assert.deepEqual(live.frames.map((f) => f.type).filter((t) => t !== 'error'), []);
  });

  test('tokens that are no good, or application tokens, are refused at hello', async () => {
    for (const [caller, code] of [['appA', 4403], ['appB', 4403], ['revoked', 4401], ['expired', 4401]] as const) {
      const live = await open();
      live.send({ type: 'hello', token: world.tokens[caller] });
      assert.equal(await live.closed, code, caller);
      assert.ok(!live.frames.some((f) => f.type === 'welcome'), `${caller}: no welcome`);
    }
  });

  test("tenant B's agent and customer cannot subscribe to A's session; A's agent can", async () => {
    const alex = await LiveClient.connect(world.server, world.tokens.agentA!);
    const olivia = await LiveClient.connect(world.server, world.tokens.agentB!);
    const customerB = await LiveClient.connect(world.server, world.tokens.sessionB!);
    try {
      assert.ok(!JSON.stringify(olivia.welcome).includes(S()), "B's agent is not told of A's session");
      for (const [live, code] of [[olivia, 'session_not_found'], [customerB, 'forbidden']] as const) {
        live.send({ type: 'subscribe', sessionId: S(), since: 0 });
        const error = await live.next('error');
        assert.deepEqual([error.code, error.ref], [code, S()]);
        await live.settled();
        assert.deepEqual(live.events(S()), [], "no event of A's session");
        for (const secret of world.secrets) assert.ok(!JSON.stringify(live.frames).includes(secret), `no '${secret}'`);
      }
      alex.send({ type: 'subscribe', sessionId: S(), since: 0 });
      await alex.until(() => alex.events(S()).some((e) => e.type === 'message'));
    } finally {
      await Promise.all([alex.close(), olivia.close(), customerB.close()]);
    }
  });
});
