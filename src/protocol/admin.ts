/**
 * The admin REST API's own bodies (ROUTES.admin*, server/admin/routes.ts): path parameters,
 * Operations > Users and the answers of the settings routes. The bodies of tokens, skills,
 * agents, settings and the audit log are the service layer's, in ./schemas.ts. Like schemas.ts,
 * every definition is a TypeBox schema (validated by the server) and a static type.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StaffRole } from './accounts.js';
import { AgentInfo, MaxSessions, PortalBranding, SkillIds } from './schemas.js';

/** `:id` of an admin route: a token, skill or account id. */
export const AdminIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$', description: 'unique in the tenant, whatever its case' });
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'the name colleagues (and, for an agent, customers) see' });

/**
 * An account of the tenant (Operations > Users) joined with its agent: status, current load,
 * skills and maximum sessions. `agent` is null for an admin, supervisor or author who takes no chats.
 */
export const UserInfo = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: StaffRole,
    disabled: Type.Boolean(),
    hasPassword: Type.Boolean({ description: 'false until a password is set (by the person, through a reset mail)' }),
    agent: Type.Union([AgentInfo, Type.Null()]),
    createdAt: Type.Integer(),
  },
  { additionalProperties: false },
);

export const UserList = Type.Object({ items: Type.Array(UserInfo) }, { additionalProperties: false });

/**
 * Add a user. An agent account gets a new agent of its name with these skills and maximum
 * sessions; an admin, supervisor or author takes no chats (skills and maxSessions are refused for them).
 */
export const UserCreate = Type.Object(
  { email: Email, name: Name, role: StaffRole, skills: Type.Optional(SkillIds), maxSessions: Type.Optional(MaxSessions) },
  { additionalProperties: false },
);

/** What adding a user answers: the account, and its generated password, shown this once only. */
export const UserCreated = Type.Object(
  { user: UserInfo, password: Type.String({ description: 'generated; stored only as a hash: hand it over now, or send a reset mail' }) },
  { additionalProperties: false },
);

/**
 * Edit a user: name and role (admin only), skills (the whole new list) and maximum sessions of
 * its agent (admin or supervisor). Making an account without an agent an agent gives it one.
 */
export const UserUpdate = Type.Object(
  { name: Type.Optional(Name), role: Type.Optional(StaffRole), skills: Type.Optional(SkillIds), maxSessions: Type.Optional(MaxSessions) },
  { additionalProperties: false, minProperties: 1 },
);

/** What a branding change answers: the branding now, and warnings (placeholders an override leaves out). */
export const BrandingChanged = Type.Object({ branding: PortalBranding, warnings: Type.Array(Type.String()) }, { additionalProperties: false });

export type UserInfo = Static<typeof UserInfo>;
export type UserList = Static<typeof UserList>;
export type UserCreate = Static<typeof UserCreate>;
export type UserCreated = Static<typeof UserCreated>;
export type UserUpdate = Static<typeof UserUpdate>;
export type BrandingChanged = Static<typeof BrandingChanged>;

// Settings > Self-Support Branding: hosted theme files

/** Which hosted theme: the elements' (`theme`, the branding's themeUrl) or the steps' HTML (`step-content`, stepContentThemeUrl). */
export const ThemeKind = Type.Union([Type.Literal('theme'), Type.Literal('step-content')]);

/** `:kind` of ROUTES.adminBrandingTheme. */
export const ThemeKindParams = Type.Object({ kind: ThemeKind }, { additionalProperties: false });

/** `:tenant` and `:file` (`<kind>-<sha256 hex>.css`) of ROUTES.themeFile. */
export const ThemeFileParams = Type.Object(
  {
    tenant: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    file: Type.String({ maxLength: 100, pattern: '^(theme|step-content)-[0-9a-f]{64}\\.css$' }),
  },
  { additionalProperties: false },
);

/** A hosted theme file as the admin API describes it (the CSS itself is GET ROUTES.adminBrandingTheme). */
export const ThemeFileInfo = Type.Object(
  {
    kind: ThemeKind,
    /** Where customers' pages load it from: the URL the branding now holds. */
    url: Type.String(),
    /** SHA-256 of the CSS, hex. */
    hash: Type.String(),
    /** Bytes. */
    size: Type.Integer(),
    uploadedAt: Type.Integer(),
  },
  { additionalProperties: false },
);

/** What uploading a theme file answers: the file, and the branding with its URL set. */
export const ThemeUploaded = Type.Object({ file: ThemeFileInfo, branding: PortalBranding }, { additionalProperties: false });

export type ThemeKind = Static<typeof ThemeKind>;
export type ThemeFileInfo = Static<typeof ThemeFileInfo>;
export type ThemeUploaded = Static<typeof ThemeUploaded>;
