/**
 * The content authoring routes of the admin API (ROUTES.adminContent*): guided paths as drafts
 * and versions (content.ts) and categories (categories.ts), for the tenant's admins and authors
 * (a supervisor or agent gets 403, and an author gets 403 on every other admin route). Like
 * routes.ts: a signed-in account acting in its own tenant, each route a few lines over a service.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AdminIdParams } from '../../src/protocol/admin.js';
import * as Wire from '../../src/protocol/authoring.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { CategoryInput, GuidedPath } from '../../src/protocol/schemas.js';
import type { AccountOptions } from '../accounts/routes.js';
import type { StaffRole } from '../store/account-types.js';
import type { Store } from '../store/types.js';
import { registerContentImageUpload } from './content-images.js';
import { createContentCategory, deleteContentCategory, listContentCategories, updateContentCategory } from './categories.js';
import * as content from './content.js';
import { exportContent, importContentFiles } from './content-files.js';
import { actorOf, STAFF } from './routes.js';

/** Who edits content: the tenant's admins and authors. */
const AUTHORS: readonly StaffRole[] = ['admin', 'author'];

type Params = { Params: { id: string } };
type VersionParams = { Params: { id: string; version: string } };

/** The service arguments of a route about one path. */
function onPath(request: FastifyRequest<Params>) {
  const { actor, tenantId } = actorOf(request, AUTHORS);
  return [actor, { tenantId, pathId: request.params.id }] as const;
}

const withId = { params: AdminIdParams };
const withVersion = { params: Wire.VersionParams };

export function registerContentRoutes(api: FastifyInstance, store: Store, accounts: AccountOptions = {}) {
  api.get<{ Querystring: Wire.AuthoredPathQuery }>(
    ROUTES.adminContentPaths,
    { config: STAFF, schema: { querystring: Wire.AuthoredPathQuery, response: { 200: Wire.AuthoredPathList } } },
    (request) => {
      const { actor, tenantId } = actorOf(request, AUTHORS);
      return content.listAuthoredPaths(store, actor, { tenantId, query: request.query });
    },
  );
  api.post(ROUTES.adminContentPaths, { config: STAFF, schema: { body: GuidedPath, response: { 201: Wire.AuthoredPathInfo } } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return reply.status(201).send(await content.createAuthoredPath(store, actor, { tenantId, path: request.body }));
  });
  api.get<Params>(ROUTES.adminContentPath, { config: STAFF, schema: { ...withId, response: { 200: Wire.AuthoredPathInfo } } }, (request) =>
    content.getAuthoredPath(store, ...onPath(request)),
  );
  api.put<Params>(ROUTES.adminContentPath, { config: STAFF, schema: { ...withId, body: Wire.PathDraftSave, response: { 200: Wire.AuthoredPathInfo } } }, (request) => {
    const [actor, input] = onPath(request);
    return content.saveDraft(store, actor, { ...input, change: request.body });
  });
  api.delete<Params>(ROUTES.adminContentPath, { config: STAFF, schema: { ...withId, response: { 200: Wire.PathLinks } } }, (request) => content.deletePath(store, ...onPath(request)));
  api.delete<Params>(ROUTES.adminContentPathDraft, { config: STAFF, schema: { ...withId, querystring: Wire.PathRevision, response: { 200: Wire.PathDiscarded } } }, (request) => {
    const [actor, input] = onPath(request);
    return content.discardDraft(store, actor, { ...input, query: request.query });
  });
  api.post<Params>(ROUTES.adminContentPathPublish, { config: STAFF, schema: { ...withId, body: Wire.PathPublish, response: { 200: Wire.PathPublished } } }, (request) => {
    const [actor, input] = onPath(request);
    return content.publishPath(store, actor, { ...input, change: request.body });
  });
  api.post<Params>(ROUTES.adminContentPathDuplicate, { config: STAFF, schema: { ...withId, body: Wire.PathDuplicate, response: { 201: Wire.AuthoredPathInfo } } }, async (request, reply) => {
    const [actor, input] = onPath(request);
    return reply.status(201).send(await content.duplicatePath(store, actor, { ...input, change: request.body }));
  });
  api.get<Params>(ROUTES.adminContentPathLinks, { config: STAFF, schema: { ...withId, response: { 200: Wire.PathLinks } } }, (request) => content.pathLinks(store, ...onPath(request)));
  api.get<Params>(ROUTES.adminContentPathVersions, { config: STAFF, schema: { ...withId, response: { 200: Wire.PathVersionList } } }, (request) =>
    content.listVersions(store, ...onPath(request)),
  );
  api.get<VersionParams>(ROUTES.adminContentPathVersion, { config: STAFF, schema: { ...withVersion, response: { 200: Wire.PathVersionInfo } } }, (request) => {
    const [actor, input] = onPath(request);
    return content.getVersion(store, actor, { ...input, version: Number(request.params.version) });
  });
  api.post<VersionParams>(ROUTES.adminContentPathRestore, { config: STAFF, schema: { ...withVersion, body: Wire.PathRevision, response: { 200: Wire.AuthoredPathInfo } } }, (request) => {
    const [actor, input] = onPath(request);
    return content.restoreVersion(store, actor, { ...input, version: Number(request.params.version), change: request.body });
  });
  api.put<{ Params: { helpId: string } }>(
    ROUTES.adminContentHelpId,
    { config: STAFF, schema: { params: Wire.HelpIdParams, body: Wire.HelpIdMove, response: { 200: Wire.HelpIdMoved } } },
    (request) => {
      const { actor, tenantId } = actorOf(request, AUTHORS);
      return content.moveHelpId(store, actor, { tenantId, helpId: request.params.helpId, change: request.body });
    },
  );

  // Categories
  api.get(ROUTES.adminContentCategories, { config: STAFF, schema: { response: { 200: Wire.ContentCategoryList } } }, (request) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return listContentCategories(store, actor, { tenantId });
  });
  api.post(ROUTES.adminContentCategories, { config: STAFF, schema: { body: CategoryInput, response: { 201: Wire.ContentCategory } } }, async (request, reply) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return reply.status(201).send(await createContentCategory(store, actor, { tenantId, category: request.body }));
  });
  api.patch<Params>(ROUTES.adminContentCategory, { config: STAFF, schema: { ...withId, body: Wire.CategoryUpdate, response: { 200: Wire.ContentCategory } } }, (request) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return updateContentCategory(store, actor, { tenantId, categoryId: request.params.id, change: request.body });
  });
  api.delete<Params>(ROUTES.adminContentCategory, { config: STAFF, schema: { ...withId, response: { 200: Wire.ContentCategory } } }, (request) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return deleteContentCategory(store, actor, { tenantId, categoryId: request.params.id });
  });

  // The JSON folder format
  api.get(ROUTES.adminContentExport, { config: STAFF, schema: { response: { 200: Wire.ContentExport } } }, (request) => {
    const { actor, tenantId } = actorOf(request, AUTHORS);
    return exportContent(store, actor, { tenantId });
  });
  api.post(
    ROUTES.adminContentImport,
    { config: STAFF, bodyLimit: Wire.CONTENT_IMPORT_MAX_BYTES, schema: { body: Wire.ContentImport, response: { 200: Wire.ContentImported } } },
    (request) => {
      const { actor, tenantId } = actorOf(request, AUTHORS);
      return importContentFiles(store, actor, { tenantId, body: request.body });
    },
  );
  // Hosted step images: the upload (the public route is ../content-images.ts)
  registerContentImageUpload(api, store, AUTHORS, accounts);
}
