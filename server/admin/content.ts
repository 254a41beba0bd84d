/**
 * Content authoring: guided paths as drafts and versions (docs/architecture.md, "Drafts and
 * versions"). Authors and admins list and read paths, create them (a draft only, unseen by
 * customers until published), save drafts (with the revision they read: another author's save
 * in between is a 409 `edit_conflict` naming who and when), publish (after the checks of
 * ../content/checks.ts: 400 `publish_checks_failed`), discard, see and restore versions,
 * duplicate, delete, and move help-ids. Categories are in categories.ts. Each change is audited.
 */
import type { AuthoredPathInfo, AuthoredPathQuery, AuthoredPathSummary, Editor, HelpIdMoved, PathDiscarded, PathLinks, PathPublished, PathStatus, PathVersionInfo } from '../../src/protocol/authoring.js';
import { HelpIdMove, PathDraftSave, PathDuplicate, PathPublish, PathRevision } from '../../src/protocol/authoring.js';
import { GuidedPath } from '../../src/protocol/schemas.js';
import { publishChecks, type PublishProblem } from '../content/checks.js';
import { ApiError } from '../errors.js';
import { ConflictError, type AuthoredPath, type AuthoredSummary, type AuthoringOutcome, type Store } from '../store/types.js';
import { stripMarks } from '../text.js';
import { audit, check, tenantFor, type AdminActor } from './kit.js';

type PathInput = { tenantId: string; pathId: string };

const statusOf = (p: { published: unknown; draft: unknown }): PathStatus => (!p.published ? 'draft' : p.draft ? 'changed' : 'published');

const notFound = (tenantId: string, id: string) => new ApiError(404, 'path_not_found', `tenant '${tenantId}' has no path '${id}'`);

const accountOf = (actor: AdminActor) => (actor.kind === 'account' ? actor.accountId : null);

/** Names of the accounts that saved or published, for the answers (a deleted account keeps its id). */
async function editors(store: Store, tenantId: string, ids: (string | null)[]): Promise<(id: string | null) => Editor> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) if (id !== null) names.set(id, (await store.getAccount(tenantId, id))?.name ?? id);
  return (id) => (id === null ? null : { id, name: names.get(id) ?? id });
}

async function toInfo(store: Store, tenantId: string, path: AuthoredPath): Promise<AuthoredPathInfo> {
  const editor = await editors(store, tenantId, [path.draft?.savedBy ?? null]);
  return {
    id: path.id,
    status: statusOf(path),
    published: path.published,
    draft: path.draft && { path: path.draft.doc, savedBy: editor(path.draft.savedBy), savedAt: path.draft.savedAt },
    revision: path.revision,
    version: path.version,
  };
}

async function authored(store: Store, actor: AdminActor, input: PathInput): Promise<{ tenantId: string; path: AuthoredPath }> {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const path = await store.getAuthoredPath(tenantId, input.pathId);
  if (!path) throw notFound(tenantId, input.pathId);
  return { tenantId, path };
}

/** A path as the body gives it: checked, marks stripped (highlights cannot be forged by content), its id the URL's. */
function pathBody(value: unknown, id?: string): GuidedPath {
  const path = stripMarks(check(GuidedPath, value)) as GuidedPath;
  if (id !== undefined && path.id !== id) throw new ApiError(400, 'invalid_request', `the path's id is '${id}' (the URL's)`, [{ path: '/path/id', message: `must be '${id}'` }]);
  return path;
}

/** The answer to a revision-checked write: the path, or the conflict, missing draft or path. */
async function settle(store: Store, tenantId: string, id: string, outcome: AuthoringOutcome): Promise<AuthoredPath | null> {
  if (!outcome) throw notFound(tenantId, id);
  if ('conflict' in outcome) {
    const { revision, savedBy, savedAt } = outcome.conflict;
    const who = (await editors(store, tenantId, [savedBy]))(savedBy);
    const when = new Date(savedAt).toISOString();
    throw new ApiError(409, 'edit_conflict', `${who ? who.name : 'the command line'} changed path '${id}' at ${when} (revision ${revision}): load it again, then make your change`, [
      { path: '/revision', message: `the current revision is ${revision}`, revision, savedBy: who, savedAt },
    ]);
  }
  if ('refused' in outcome) {
    if (outcome.refused === 'no_draft') throw new ApiError(404, 'draft_not_found', `path '${id}' has no draft`);
    throw checksFailed(outcome.holders.map(({ helpId, pathId }) => ({ path: '/helpIds', code: 'help_id_taken', message: `the help-id '${helpId}' names the path '${pathId}'` })));
  }
  return outcome.ok;
}

/** `settle` for a write that leaves the path in place (save, publish, restore). */
async function settled(store: Store, tenantId: string, id: string, outcome: AuthoringOutcome): Promise<AuthoredPath> {
  return (await settle(store, tenantId, id, outcome)) ?? Promise.reject(notFound(tenantId, id));
}

const checksFailed = (problems: PublishProblem[]) =>
  new ApiError(400, 'publish_checks_failed', `the path cannot be published: ${problems.map((p) => p.message).join('; ')}`, problems);

/** What the audit log keeps of a path document: enough to tell versions apart. */
const audited = (doc: GuidedPath | null | undefined) => doc && { title: doc.title, category: doc.category, audience: doc.audience, helpIds: doc.helpIds, steps: doc.steps.length };

// ---------------------------------------------------------------------------------------------
// Reads

/** Every word of `q` is found, in any case, in the id, title, summary, tags or help-ids. */
function matches(item: AuthoredPathSummary, q: string | undefined) {
  const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = [item.id, item.title, item.summary, ...item.tags, ...item.helpIds].join('\n').toLowerCase();
  return words.every((w) => text.includes(w));
}

function toSummary(p: AuthoredSummary): AuthoredPathSummary {
  const d = p.draft?.doc;
  const fields = d
    ? { title: d.title, summary: d.summary, category: d.category, audience: d.audience, tags: d.tags, helpIds: d.helpIds, stepCount: d.steps.length, updatedAt: p.draft!.savedAt }
    : p.published!;
  const { title, summary, category, audience, tags, helpIds, stepCount, updatedAt } = fields;
  return { id: p.id, title, summary, category, audience, tags, helpIds, stepCount, status: statusOf(p), revision: p.revision, version: p.version, updatedAt };
}

/** The tenant's paths (published and drafts) by title, filtered; `total` before paging. */
export async function listAuthoredPaths(store: Store, actor: AdminActor, input: { tenantId: string; query: AuthoredPathQuery }) {
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const { q, category, tag, audience, status, limit = 50, offset = 0 } = input.query;
  const items = (await store.listAuthoredPaths(tenantId))
    .map(toSummary)
    .filter(
      (p) =>
        (!category || p.category === category) &&
        (!tag || p.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) &&
        (!audience || p.audience === audience) &&
        (!status || p.status === status) &&
        matches(p, q),
    )
    .sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  return { items: items.slice(offset, offset + limit), total: items.length };
}

export async function getAuthoredPath(store: Store, actor: AdminActor, input: PathInput): Promise<AuthoredPathInfo> {
  const { tenantId, path } = await authored(store, actor, input);
  return toInfo(store, tenantId, path);
}

/** The help-ids that name the path (published, or in its draft): what deleting it takes away. */
export async function pathLinks(store: Store, actor: AdminActor, input: PathInput): Promise<PathLinks> {
  const { path } = await authored(store, actor, input);
  return { id: path.id, helpIds: [...new Set([...(path.published?.helpIds ?? []), ...(path.draft?.doc.helpIds ?? [])])] };
}

// ---------------------------------------------------------------------------------------------
// Drafts

/** A new path, as a draft; 409 `path_exists` when the id is taken. */
export async function createAuthoredPath(store: Store, actor: AdminActor, input: { tenantId: string; path: unknown }, action: 'path.create' | 'path.duplicate' = 'path.create', from?: string) {
  const doc = pathBody(input.path);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  let created;
  try {
    created = await store.createPathDraft(tenantId, doc, accountOf(actor), Date.now());
  } catch (error) {
    if (error instanceof ConflictError) throw new ApiError(409, 'path_exists', `tenant '${tenantId}' has a path '${doc.id}' already`);
    throw error;
  }
  await audit(store, actor, { tenantId, action, target: doc.id, after: { ...audited(doc), ...(from && { duplicateOf: from }) } });
  return toInfo(store, tenantId, created);
}

/** Saves the draft, based on the revision the author read. */
export async function saveDraft(store: Store, actor: AdminActor, input: PathInput & { change: unknown }): Promise<AuthoredPathInfo> {
  const { revision, path } = check(PathDraftSave, input.change);
  const doc = pathBody(path, input.pathId);
  const { tenantId, path: before } = await authored(store, actor, input);
  const saved = await settled(store, tenantId, before.id, await store.savePathDraft(tenantId, before.id, doc, { revision, by: accountOf(actor), at: Date.now() }));
  await audit(store, actor, { tenantId, action: 'path.save', target: before.id, before: audited(before.draft?.doc ?? before.published), after: { ...audited(doc), revision: saved.revision } });
  return toInfo(store, tenantId, saved);
}

/** Drops the draft; a path never published is then gone. */
export async function discardDraft(store: Store, actor: AdminActor, input: PathInput & { query: unknown }): Promise<PathDiscarded> {
  const { revision } = check(PathRevision, input.query);
  const { tenantId, path: before } = await authored(store, actor, input);
  const after = await settle(store, tenantId, before.id, await store.discardPathDraft(tenantId, before.id, { revision, by: accountOf(actor), at: Date.now() }));
  await audit(store, actor, { tenantId, action: 'path.discard', target: before.id, before: audited(before.draft?.doc) });
  return { path: after && (await toInfo(store, tenantId, after)) };
}

/** Publishes the draft after the checks; the search index follows. */
export async function publishPath(store: Store, actor: AdminActor, input: PathInput & { change: unknown }): Promise<PathPublished> {
  const { revision, moveHelpIds = false } = check(PathPublish, input.change);
  const { tenantId, path } = await authored(store, actor, input);
  if (!path.draft) throw new ApiError(404, 'draft_not_found', `path '${path.id}' has no draft: it is published as it is`);
  const doc = path.draft.doc;
  const [categories, holders] = await Promise.all([store.categoryIds(tenantId), store.helpIdHolders(tenantId, doc.helpIds)]);
  const problems = publishChecks(doc, { categories: new Set(categories), holders, moveHelpIds });
  if (problems.length) throw checksFailed(problems);
  const outcome = await store.publishPathDraft(tenantId, path.id, { revision, by: accountOf(actor), at: Date.now(), moveHelpIds });
  const after = await settled(store, tenantId, path.id, outcome);
  const moved = outcome && 'ok' in outcome ? outcome.moved.map(({ helpId, from }) => ({ helpId, from })) : [];
  await audit(store, actor, { tenantId, action: 'path.publish', target: path.id, before: audited(path.published), after: { ...audited(doc), version: after.version, movedHelpIds: moved } });
  return { path: await toInfo(store, tenantId, after), movedHelpIds: moved };
}

// ---------------------------------------------------------------------------------------------
// Versions, duplicates, deletion, help-ids

export async function listVersions(store: Store, actor: AdminActor, input: PathInput) {
  const { tenantId, path } = await authored(store, actor, input);
  const versions = await store.listPathVersions(tenantId, path.id);
  const editor = await editors(store, tenantId, versions.map((v) => v.publishedBy));
  return { items: versions.map((v) => ({ version: v.version, publishedBy: editor(v.publishedBy), publishedAt: v.publishedAt })) };
}

export async function getVersion(store: Store, actor: AdminActor, input: PathInput & { version: number }): Promise<PathVersionInfo> {
  const { tenantId, path } = await authored(store, actor, input);
  const v = await store.getPathVersion(tenantId, path.id, input.version);
  if (!v) throw new ApiError(404, 'version_not_found', `path '${path.id}' has no version ${input.version}`);
  const editor = await editors(store, tenantId, [v.publishedBy]);
  return { version: v.version, publishedBy: editor(v.publishedBy), publishedAt: v.publishedAt, path: v.doc };
}

/**
 * Makes a version the draft (publish it to make it current again). The path keeps the help-ids
 * it has now: they are where customers' links point, not words of a version, and one moved here
 * since that version must not be dropped (or taken back) by restoring older text.
 */
export async function restoreVersion(store: Store, actor: AdminActor, input: PathInput & { version: number; change: unknown }): Promise<AuthoredPathInfo> {
  const { revision } = check(PathRevision, input.change);
  const { tenantId, path } = await authored(store, actor, input);
  const version = await getVersion(store, actor, input);
  const current = path.draft?.doc ?? path.published;
  const restored = current ? { ...version.path, helpIds: current.helpIds } : version.path;
  const after = await settled(store, tenantId, path.id, await store.savePathDraft(tenantId, path.id, restored, { revision, by: accountOf(actor), at: Date.now() }));
  await audit(store, actor, { tenantId, action: 'path.restore', target: path.id, before: audited(current), after: { ...audited(restored), version: version.version } });
  return toInfo(store, tenantId, after);
}

/** A copy of the path (its draft, else the published one) as a new draft, without help-ids. */
export async function duplicatePath(store: Store, actor: AdminActor, input: PathInput & { change: unknown }): Promise<AuthoredPathInfo> {
  const { id, title } = check(PathDuplicate, input.change);
  const { tenantId, path } = await authored(store, actor, input);
  const source = path.draft?.doc ?? path.published!;
  const copy: GuidedPath = { ...source, id, title: title ?? `${source.title} (copy)`.slice(0, 200), helpIds: [] };
  return createAuthoredPath(store, actor, { tenantId, path: copy }, 'path.duplicate', path.id);
}

/** Deletes the path: published, draft, versions, and the help-ids that named it (the answer lists them). */
export async function deletePath(store: Store, actor: AdminActor, input: PathInput): Promise<PathLinks> {
  const links = await pathLinks(store, actor, input);
  const { tenantId, path } = await authored(store, actor, input);
  if (!(await store.deleteAuthoredPath(tenantId, path.id))) throw notFound(tenantId, path.id);
  await audit(store, actor, { tenantId, action: 'path.delete', target: path.id, before: { ...audited(path.draft?.doc ?? path.published), helpIds: links.helpIds } });
  return links;
}

/** Gives a help-id to a published path, taking it from the one that held it. */
export async function moveHelpId(store: Store, actor: AdminActor, input: { tenantId: string; helpId: string; change: unknown }): Promise<HelpIdMoved> {
  const { pathId } = check(HelpIdMove, input.change);
  const { tenantId, path } = await authored(store, actor, { tenantId: input.tenantId, pathId });
  if (!path.published) throw new ApiError(409, 'path_not_published', `path '${pathId}' is a draft: publish it before giving it help-ids`);
  const moved = await store.moveHelpId(tenantId, input.helpId, pathId, Date.now());
  if (!moved) throw new ApiError(409, 'path_not_published', `path '${pathId}' is a draft: publish it before giving it help-ids`);
  await audit(store, actor, { tenantId, action: 'help-id.move', target: input.helpId, before: { pathId: moved.from }, after: { pathId } });
  return { helpId: input.helpId, from: moved.from, to: pathId };
}
