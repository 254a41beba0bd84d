/**
 * What the store keeps of content authoring (server/admin/content*.ts; docs/architecture.md,
 * "Drafts and versions"): a path's draft and revision, its published versions, and the writes
 * that publish, move help-ids and delete. Part of `Store` (types.ts). Published content stays
 * where the import writes it (`paths`, `path_tags`, `help_ids`, the search data), and publishing
 * writes it through the import's own code, so search follows publishing.
 */
import type { ContentImageType } from '../../src/protocol/authoring.js';
import type { Audience, CategoryInput, GuidedPath } from '../../src/protocol/schemas.js';

/** A path's draft: the whole document, who saved it (an account id; null: the CLI) and when. */
export interface DraftRecord {
  doc: GuidedPath;
  savedBy: string | null;
  savedAt: number;
}

/** A path as authors see it: published, draft, or both. */
export interface AuthoredPath {
  id: string;
  /** What customers read; null until first published. */
  published: GuidedPath | null;
  draft: DraftRecord | null;
  /**
   * Counts every change of the path's editable document (the draft, else the published one):
   * save, publish, discard, a help-id moved to or from it. 0 for a path never edited here.
   */
  revision: number;
  /** The latest published version; 0 when none was recorded (content only imported). */
  version: number;
}

/** A path in the authors' list: the published one's summary fields (not its steps) and the draft. */
export interface AuthoredSummary {
  id: string;
  published: {
    title: string;
    summary: string;
    category: string;
    audience: Audience;
    tags: string[];
    helpIds: string[];
    stepCount: number;
    updatedAt: number;
  } | null;
  draft: DraftRecord | null;
  revision: number;
  version: number;
}

/** One published version (its document: `getPathVersion`). */
export interface PathVersionRecord {
  version: number;
  /** The account that published it; null when the import or a help-id move wrote it. */
  publishedBy: string | null;
  publishedAt: number;
}

/** Who changed the editable document last, when a write names an older revision. */
export interface DraftConflict {
  revision: number;
  savedBy: string | null;
  savedAt: number;
}

/** A help-id that went from one path to another. */
export interface MovedHelpId {
  helpId: string;
  from: string;
  to: string;
}

/**
 * What a revision-checked write did: `ok` with the path after it (null: gone, a discarded draft
 * that was never published) and the help-ids it moved,
 * `conflict` when `revision` was not the current one (nothing written), `refused` when there was
 * nothing to do (`no_draft`) or the draft claims help-ids other paths hold (`help_ids_taken`,
 * publishing without moving them). Undefined: the tenant has no such path.
 */
export type AuthoringOutcome =
  | { ok: AuthoredPath | null; moved: MovedHelpId[] }
  | { conflict: DraftConflict }
  | { refused: 'no_draft' }
  | { refused: 'help_ids_taken'; holders: { helpId: string; pathId: string }[] }
  | undefined;

/** Who writes and when, for the revision-checked writes. */
export interface Edit {
  /** The revision the change is based on (AuthoredPath.revision as read). */
  revision: number;
  by: string | null;
  at: number;
}

/**
 * A hosted step image (server/content-images.ts): stored once per tenant and SHA-256 of its
 * bytes, which names its URL, with who uploaded it first and when.
 */
export interface ContentImage {
  tenantId: string;
  /** SHA-256 of the bytes, hex. */
  hash: string;
  type: ContentImageType;
  /** Bytes. */
  size: number;
  /** The account that uploaded it first; null for the CLI. */
  uploadedBy: string | null;
  uploadedAt: number;
}

/**
 * What storing a step image came to: stored (`created`), there already with the same bytes
 * (`exists`: the stored one, who uploaded it first), or refused because the tenant's images would
 * pass their total (`full`, with the bytes stored now). `removed`: the unused images taken away
 * to make room first (see `putContentImage`), often none.
 */
export type ContentImagePut =
  | { outcome: 'exists'; image: ContentImage }
  | { outcome: 'created'; image: ContentImage; removed: ContentImage[] }
  | { outcome: 'full'; storedBytes: number; removed: ContentImage[] };

export interface AuthoringStore {
  /** The path's published document, draft, revision and latest version; undefined when neither exists. */
  getAuthoredPath(tenantId: string, id: string): Promise<AuthoredPath | undefined>;
  /** Every path of the tenant, published or draft only, by id. */
  listAuthoredPaths(tenantId: string): Promise<AuthoredSummary[]>;
  /** A new path, as a draft only (revision 1, or one more than a discarded draft's); throws `ConflictError` when the id exists. */
  createPathDraft(tenantId: string, doc: GuidedPath, by: string | null, at: number): Promise<AuthoredPath>;
  /** Replaces the draft (or starts one over the published path), when `edit.revision` is current. */
  savePathDraft(tenantId: string, id: string, doc: GuidedPath, edit: Edit): Promise<AuthoringOutcome>;
  /** Drops the draft, when `edit.revision` is current; a path never published is then gone. */
  discardPathDraft(tenantId: string, id: string, edit: Edit): Promise<AuthoringOutcome>;
  /**
   * Publishes the draft in one transaction, when `edit.revision` is current: writes it as the
   * import writes a path (search data, tags, help-ids), records it as the next version (first
   * the published document, when no version holds it: imported content), drops the draft.
   * Help-ids the draft claims that other paths hold move to it with `moveHelpIds` (taken out of
   * those paths' drafts too), else nothing is written (`help_ids_taken`).
   */
  publishPathDraft(tenantId: string, id: string, edit: Edit & { moveHelpIds: boolean }): Promise<AuthoringOutcome>;
  /** The path's versions, newest first (empty for a path without any). */
  listPathVersions(tenantId: string, id: string): Promise<PathVersionRecord[]>;
  getPathVersion(tenantId: string, id: string, version: number): Promise<(PathVersionRecord & { doc: GuidedPath }) | undefined>;
  /** Deletes the path: published (with its search data, tags, help-ids), draft and versions; false when there was none. */
  deleteAuthoredPath(tenantId: string, id: string): Promise<boolean>;
  /**
   * Gives a help-id to a published path, taking it from the path that holds it (published and
   * draft documents of both change, and their revisions count up). Undefined when `to` is not
   * published; `from` null when no path held it.
   */
  moveHelpId(tenantId: string, helpId: string, to: string, at: number): Promise<{ from: string | null } | undefined>;
  /** Which published paths hold these help-ids. */
  helpIdHolders(tenantId: string, helpIds: string[]): Promise<{ helpId: string; pathId: string }[]>;
  /** Every category of the tenant (also those without paths), by order then name. */
  listAllCategories(tenantId: string): Promise<CategoryInput[]>;
  /** Adds a category; throws `ConflictError` when the id exists. */
  createCategory(tenantId: string, category: CategoryInput): Promise<void>;
  /** Changes a category's fields (not its id); false when there is none. */
  updateCategory(tenantId: string, category: CategoryInput): Promise<boolean>;
  /** Deletes a category no path uses (published or draft); else the number of paths that do. Undefined: none. */
  deleteCategory(tenantId: string, id: string): Promise<{ deleted: true } | { inUse: number } | undefined>;

  /**
   * Stores a step image unless the tenant has these bytes already (then answers the stored one)
   * or its images would then pass `maxTenantBytes` in all, after first removing the images that
   * no published path, draft or version names and that were uploaded a day or more before this
   * one (UNUSED_IMAGE_GRACE_MS): one write transaction that holds the tenant's images, so two
   * uploads never both pass the total. Throws when there is no such tenant.
   */
  putContentImage(image: ContentImage & { bytes: Uint8Array }, maxTenantBytes: number): Promise<ContentImagePut>;
  /** The tenant's step image of this hash, with its bytes; undefined when there is none. */
  getContentImage(tenantId: string, hash: string): Promise<(ContentImage & { bytes: Buffer }) | undefined>;
  /** The bytes of all the tenant's step images (0 when none). */
  contentImageBytes(tenantId: string): Promise<number>;
}
