/**
 * Content authoring on the wire (ROUTES.adminContent*, server/admin/content*.ts): guided paths as
 * authors see them (published, draft, or both, with the revision every write checks), versions,
 * the publish checks, help-id moves and categories. Like schemas.ts, every definition is a
 * TypeBox schema (validated by the server) and a static type. Roles: admin and author.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Audience, CategoryInput, GuidedPath, HelpId, Slug, Tag, Timestamp } from './schemas.js';

/**
 * Where a path stands: `draft` (never published: customers cannot see it), `changed` (published,
 * with a draft of changes), `published` (no draft).
 */
export const PathStatus = Type.Union([Type.Literal('draft'), Type.Literal('changed'), Type.Literal('published')]);

/** Who saved or published: an account of the tenant; null for the command line (import). */
export const Editor = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }), Type.Null()]);

/** The revision a write is based on: AuthoredPathInfo.revision as read. */
const Revision = Type.Integer({ minimum: 0, description: 'the revision the change is based on (AuthoredPathInfo.revision as read); another one: 409 edit_conflict' });

/** Filters of the authors' list; every filter applies to the draft when there is one, else to the published path. */
export const AuthoredPathQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words found (any case) in the id, title, summary, tags or help-ids; all must be found' })),
    category: Type.Optional(Slug),
    tag: Type.Optional(Tag),
    audience: Type.Optional(Audience),
    status: Type.Optional(PathStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

/** A path in the authors' list: the draft's fields when there is one, else the published path's. */
export const AuthoredPathSummary = Type.Object(
  {
    id: Slug,
    title: Type.String(),
    summary: Type.String(),
    category: Slug,
    audience: Audience,
    tags: Type.Array(Type.String()),
    helpIds: Type.Array(Type.String()),
    stepCount: Type.Integer(),
    status: PathStatus,
    revision: Type.Integer(),
    version: Type.Integer({ description: 'the latest published version; 0 when none was recorded (imported content)' }),
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);

export const AuthoredPathList = Type.Object({ items: Type.Array(AuthoredPathSummary), total: Type.Integer() }, { additionalProperties: false });

/** One path as authors see it: what customers read (null until first published) and the draft. */
export const AuthoredPathInfo = Type.Object(
  {
    id: Slug,
    status: PathStatus,
    published: Type.Union([GuidedPath, Type.Null()]),
    draft: Type.Union([Type.Object({ path: GuidedPath, savedBy: Editor, savedAt: Timestamp }, { additionalProperties: false }), Type.Null()]),
    revision: Type.Integer({ description: 'counts every change of the draft (or of the published path when there is none); send it back with the next write' }),
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

/** Save the draft: the whole path (its id is the URL's). */
export const PathDraftSave = Type.Object({ revision: Revision, path: GuidedPath }, { additionalProperties: false });

/** Publish the draft. `moveHelpIds`: take the help-ids it claims from the paths holding them (else a check fails). */
export const PathPublish = Type.Object(
  { revision: Revision, moveHelpIds: Type.Optional(Type.Boolean({ default: false, description: "move help-ids other paths hold to this one (the guide's move)" })) },
  { additionalProperties: false },
);

/** Discard the draft (the query) or restore a version as the draft (the body): the revision it is based on. */
export const PathRevision = Type.Object({ revision: Revision }, { additionalProperties: false });

/** What discarding a draft answers: the path, or null when it is gone (it was never published). */
export const PathDiscarded = Type.Object({ path: Type.Union([AuthoredPathInfo, Type.Null()]) }, { additionalProperties: false });

/** Duplicate a path (its draft, else the published one) as a new draft, without help-ids (each names one path). */
export const PathDuplicate = Type.Object(
  { id: Slug, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'default: the title with " (copy)"' })) },
  { additionalProperties: false },
);

/** What a publish answers: the path and the help-ids it took from other paths. */
export const PathPublished = Type.Object(
  { path: AuthoredPathInfo, movedHelpIds: Type.Array(Type.Object({ helpId: Type.String(), from: Slug }, { additionalProperties: false })) },
  { additionalProperties: false },
);

export const PathVersionSummary = Type.Object({ version: Type.Integer({ minimum: 1 }), publishedBy: Editor, publishedAt: Timestamp }, { additionalProperties: false });
export const PathVersionList = Type.Object({ items: Type.Array(PathVersionSummary) }, { additionalProperties: false });
export const PathVersionInfo = Type.Composite([PathVersionSummary, Type.Object({ path: GuidedPath })], { additionalProperties: false });

/**
 * What links to a path, which a delete takes away: the help-ids that name it (published or in
 * its draft). Steps lead only to steps of their own path or to an outcome, so no other path's
 * step points at it.
 */
export const PathLinks = Type.Object({ id: Slug, helpIds: Type.Array(Type.String()) }, { additionalProperties: false });

/** Give a help-id to a published path (taken from the path holding it). */
export const HelpIdMove = Type.Object({ pathId: Slug }, { additionalProperties: false });
export const HelpIdMoved = Type.Object({ helpId: Type.String(), from: Type.Union([Slug, Type.Null()]), to: Slug }, { additionalProperties: false });

/** `:helpId` of ROUTES.adminContentHelpId; `:version` of the version routes. */
export const HelpIdParams = Type.Object({ helpId: HelpId }, { additionalProperties: false });
export const VersionParams = Type.Object({ id: Slug, version: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'a version number' }) }, { additionalProperties: false });

/** A category with the number of paths that use it (published or draft). */
export const ContentCategory = Type.Composite([CategoryInput, Type.Object({ pathCount: Type.Integer() })], { additionalProperties: false });
export const ContentCategoryList = Type.Object({ items: Type.Array(ContentCategory) }, { additionalProperties: false });
/** Change a category: the fields given (its id stays). */
export const CategoryUpdate = Type.Partial(Type.Omit(CategoryInput, ['id']), { additionalProperties: false, minProperties: 1 });

// Import and export of the JSON folder format (server/README.md, "Content folders")

/** Largest import body, in bytes (other bodies: LIMITS.maxBodyBytes). */
export const CONTENT_IMPORT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A content folder as files: the name relative to the folder (`categories.json`, `lighting/reset-bulb.json`)
 * → the file's JSON text. Names not ending in `.json`, or with a part starting with a dot, are left out.
 */
export const ContentFiles = Type.Record(Type.String({ maxLength: 300 }), Type.String({ maxLength: CONTENT_IMPORT_MAX_BYTES }), {
  description: "file name relative to the folder → the file's JSON text",
});

/** The tenant's published content as a folder: `categories.json` and `<category>/<path id>.json` per path. */
export const ContentExport = Type.Object({ files: ContentFiles }, { additionalProperties: false });

/** Import a folder, as the CLI's `import` does (`replace`: also delete the paths and categories it lacks). */
export const ContentImport = Type.Object(
  { files: ContentFiles, replace: Type.Optional(Type.Boolean({ default: false, description: 'delete the published paths and categories the files lack (drafts stay)' })) },
  { additionalProperties: false },
);

/** What an import did (the CLI prints the same). */
export const ContentImported = Type.Object(
  {
    categories: Type.Integer(),
    paths: Type.Integer(),
    deletedPaths: Type.Array(Type.String()),
    deletedCategories: Type.Array(Type.String()),
    movedHelpIds: Type.Array(Type.Object({ helpId: Type.String(), from: Type.String(), to: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/**
 * What a publish check reports, one detail of `publish_checks_failed` each (with `path`, a JSON
 * pointer into the path, `message`, and `step` / `choice` when one is at fault).
 */
export const PUBLISH_CHECKS = [
  /** Two steps have this id. */
  'step_id_duplicate',
  /** `firstStep` names no step. */
  'first_step_missing',
  /** A choice or `next` leads to a step the path does not have. */
  'target_missing',
  /** No way from the first step leads to the step. */
  'step_unreachable',
  /** The step is in a loop: nothing reachable from it ends the path. */
  'loop_without_exit',
  /** The step has no text and no image. */
  'step_empty',
  /** The path's category does not exist. */
  'category_missing',
  /** The path lists a help-id or tag twice. */
  'duplicate_value',
  /** Another path holds the help-id (publish with `moveHelpIds` to move it). */
  'help_id_taken',
] as const;

// Hosted step images (ROUTES.adminContentImages, ROUTES.contentImage; server/content-images.ts)

/** Limits of hosted step images, and the image types accepted with the extension each is served under. */
export const CONTENT_IMAGE_LIMITS = {
  /** Largest image, in bytes (413 `payload_too_large` above it). */
  maxBytes: 2 * 1024 * 1024,
  /** Most bytes of images one tenant may have hosted (409 `image_quota_exceeded` past it). */
  tenantMaxBytes: 200 * 1024 * 1024,
  /** Each accepted Content-Type and its file extension. SVG is not one: it can carry script. */
  types: { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' },
} as const;

/** An accepted image type. */
export const ContentImageType = Type.Union(
  Object.keys(CONTENT_IMAGE_LIMITS.types).map((type) => Type.Literal(type as keyof typeof CONTENT_IMAGE_LIMITS.types)),
);

/** `:tenant` and `:file` (`<sha256 hex>.<png|jpg|gif|webp>`) of ROUTES.contentImage. */
export const ContentImageParams = Type.Object(
  {
    tenant: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    file: Type.String({ maxLength: 100, pattern: '^[0-9a-f]{64}\\.(png|jpg|gif|webp)$' }),
  },
  { additionalProperties: false },
);

/** What uploading a step image answers (the same for the same bytes again). */
export const ContentImageUploaded = Type.Object(
  {
    /** Where pages load it from (absolute): `<img src>` in a step body. */
    url: Type.String(),
    type: ContentImageType,
    /** Its size. */
    bytes: Type.Integer(),
    /** SHA-256 of the bytes, hex: the URL's name. */
    hash: Type.String(),
  },
  { additionalProperties: false },
);

export type PathStatus = Static<typeof PathStatus>;
export type Editor = Static<typeof Editor>;
export type AuthoredPathQuery = Static<typeof AuthoredPathQuery>;
export type AuthoredPathSummary = Static<typeof AuthoredPathSummary>;
export type AuthoredPathList = Static<typeof AuthoredPathList>;
export type AuthoredPathInfo = Static<typeof AuthoredPathInfo>;
export type PathDraftSave = Static<typeof PathDraftSave>;
export type PathPublish = Static<typeof PathPublish>;
export type PathDiscarded = Static<typeof PathDiscarded>;
export type PathDuplicate = Static<typeof PathDuplicate>;
export type PathPublished = Static<typeof PathPublished>;
export type PathVersionSummary = Static<typeof PathVersionSummary>;
export type PathVersionList = Static<typeof PathVersionList>;
export type PathVersionInfo = Static<typeof PathVersionInfo>;
export type PathLinks = Static<typeof PathLinks>;
export type HelpIdMoved = Static<typeof HelpIdMoved>;
export type ContentCategory = Static<typeof ContentCategory>;
export type ContentCategoryList = Static<typeof ContentCategoryList>;
export type CategoryUpdate = Static<typeof CategoryUpdate>;
export type ContentExport = Static<typeof ContentExport>;
export type ContentImport = Static<typeof ContentImport>;
export type ContentImported = Static<typeof ContentImported>;
export type PublishCheck = (typeof PUBLISH_CHECKS)[number];
export type ContentImageType = Static<typeof ContentImageType>;
export type ContentImageUploaded = Static<typeof ContentImageUploaded>;
