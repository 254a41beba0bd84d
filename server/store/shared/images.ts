/**
 * Hosted step images for both stores (`content_images`; server/content-images.ts): stored once
 * per tenant and hash, within a total of bytes per tenant that one write transaction checks.
 */
import { sql } from 'kysely';
import type { ContentImageType } from '../../../src/protocol/authoring.js';
import type { ContentImage, ContentImagePut } from '../types.js';
import type { Db, Dialect } from './engine.js';
import type { ContentImagesTable } from './tables.js';

const toImage = (r: Omit<ContentImagesTable, 'bytes'>): ContentImage => ({
  tenantId: r.tenant_id,
  hash: r.hash,
  type: r.type as ContentImageType,
  size: Number(r.size),
  uploadedBy: r.uploaded_by,
  uploadedAt: Number(r.uploaded_at),
});

const META = ['tenant_id', 'hash', 'type', 'size', 'uploaded_by', 'uploaded_at'] as const;

/** The bytes of all the tenant's images. */
async function storedBytes(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('content_images')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.val(0)).as('total'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** How long an image that no path names is kept: an author may have put it in a step not saved yet. */
export const UNUSED_IMAGE_GRACE_MS = 24 * 60 * 60_000;

/** A SHA-256 in hex, as an image's URL names it. */
const HASH = /[0-9a-f]{64}/g;

/**
 * Removes the tenant's images uploaded before `before` that no published path, draft or version
 * of a path names (their hash, which is their URL's name, appears in none of those documents);
 * returns them. The documents are read once and searched here: one pass over them, where a
 * `LIKE` per image would read every document once per image.
 */
async function removeUnused(trx: Db, tenantId: string, before: number): Promise<ContentImage[]> {
  const named = new Set<string>();
  for (const table of ['paths', 'path_drafts', 'path_versions']) {
    const { rows } = await sql<{ doc: string | null }>`SELECT CAST(doc AS TEXT) AS doc FROM ${sql.table(table)} WHERE tenant_id = ${tenantId}`.execute(trx);
    for (const { doc } of rows) for (const [hash] of doc?.matchAll(HASH) ?? []) named.add(hash);
  }
  const old = await trx.selectFrom('content_images').select(META).where('tenant_id', '=', tenantId).where('uploaded_at', '<', before).orderBy('hash').execute();
  const unused = old.filter((r) => !named.has(r.hash));
  // A few hundred a statement (SQLite takes at most 32,766 parameters).
  for (let i = 0; i < unused.length; i += 500) {
    await trx
      .deleteFrom('content_images')
      .where('tenant_id', '=', tenantId)
      .where('hash', 'in', unused.slice(i, i + 500).map((r) => r.hash))
      .execute();
  }
  return unused.map(toImage);
}

/**
 * Store.putContentImage: under the tenant's lock, the stored image of these bytes; else, when it
 * would pass the total, the unused images uploaded a day or more before it removed first
 * (removeUnused); else, or still, the total checked; else stored.
 */
export function putContentImage(db: Db, dialect: Dialect, image: ContentImage & { bytes: Uint8Array }, maxTenantBytes: number): Promise<ContentImagePut> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content images', image.tenantId);
    if (!(await trx.selectFrom('tenants').select('id').where('id', '=', image.tenantId).executeTakeFirst())) {
      throw new Error(`there is no tenant '${image.tenantId}'`);
    }
    const stored = await trx.selectFrom('content_images').select(META).where('tenant_id', '=', image.tenantId).where('hash', '=', image.hash).executeTakeFirst();
    if (stored) return { outcome: 'exists', image: toImage(stored) };
    let total = await storedBytes(trx, image.tenantId);
    const removed = total + image.size > maxTenantBytes ? await removeUnused(trx, image.tenantId, image.uploadedAt - UNUSED_IMAGE_GRACE_MS) : [];
    if (removed.length) total = await storedBytes(trx, image.tenantId);
    if (total + image.size > maxTenantBytes) return { outcome: 'full', storedBytes: total, removed };
    const { bytes, ...meta } = image;
    await trx
      .insertInto('content_images')
      .values({
        tenant_id: meta.tenantId,
        hash: meta.hash,
        type: meta.type,
        size: meta.size,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        uploaded_by: meta.uploadedBy,
        uploaded_at: meta.uploadedAt,
      })
      .execute();
    return { outcome: 'created', image: meta, removed };
  });
}

export async function getContentImage(db: Db, tenantId: string, hash: string): Promise<(ContentImage & { bytes: Buffer }) | undefined> {
  const r = await db.selectFrom('content_images').selectAll().where('tenant_id', '=', tenantId).where('hash', '=', hash).executeTakeFirst();
  return r && { ...toImage(r), bytes: Buffer.from(r.bytes) };
}

export const contentImageBytes = storedBytes;
