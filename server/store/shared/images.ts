/**
 * Hosted step images for both stores (`content_images`; server/content-images.ts): stored once
 * per tenant and hash, within a total of bytes per tenant that one write transaction checks.
 */
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

/** Store.putContentImage: under the tenant's lock, the stored image of these bytes, else the total checked, else stored. */
export function putContentImage(db: Db, dialect: Dialect, image: ContentImage & { bytes: Uint8Array }, maxTenantBytes: number): Promise<ContentImagePut> {
  return dialect.write(db, async (trx) => {
    await dialect.lock(trx, 'content images', image.tenantId);
    if (!(await trx.selectFrom('tenants').select('id').where('id', '=', image.tenantId).executeTakeFirst())) {
      throw new Error(`there is no tenant '${image.tenantId}'`);
    }
    const stored = await trx.selectFrom('content_images').select(META).where('tenant_id', '=', image.tenantId).where('hash', '=', image.hash).executeTakeFirst();
    if (stored) return { outcome: 'exists', image: toImage(stored) };
    const total = await storedBytes(trx, image.tenantId);
    if (total + image.size > maxTenantBytes) return { outcome: 'full', storedBytes: total };
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
    return { outcome: 'created', image: meta };
  });
}

export async function getContentImage(db: Db, tenantId: string, hash: string): Promise<(ContentImage & { bytes: Buffer }) | undefined> {
  const r = await db.selectFrom('content_images').selectAll().where('tenant_id', '=', tenantId).where('hash', '=', hash).executeTakeFirst();
  return r && { ...toImage(r), bytes: Buffer.from(r.bytes) };
}

export const contentImageBytes = storedBytes;
