/**
 * Hosted step images for authors (ROUTES.adminContentImages): the upload route and the service
 * it runs. The checks, URL and headers are ../content-images.ts's; this stores the image within
 * the tenant's total and records it.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ContentImageUploaded } from '../../src/protocol/authoring.js';
import { CONTENT_IMAGE_LIMITS, ContentImageUploaded as ContentImageUploadedSchema } from '../../src/protocol/authoring.js';
import { ROUTES } from '../../src/protocol/routes.js';
import type { AccountOptions } from '../accounts/routes.js';
import { checkContentImage, contentImageFileName, contentImageHash, contentImageUrl } from '../content-images.js';
import { ApiError, errorHandler } from '../errors.js';
import { requestOrigin } from '../headers.js';
import { mediaType } from '../live/files.js';
import type { Store } from '../store/types.js';
import { audit, tenantFor, type AdminActor } from './kit.js';
import { actorOf, STAFF } from './routes.js';

/** The 413 of an image over CONTENT_IMAGE_LIMITS.maxBytes. */
export const imageTooLarge = () => new ApiError(413, 'payload_too_large', `a step image is at most ${CONTENT_IMAGE_LIMITS.maxBytes} bytes (2 MiB)`);

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/**
 * Hosts `bytes` (declared as the media type `type`) as a step image of the tenant, and answers
 * its absolute URL on `origin` (the server's public URL). The same bytes again answer the same
 * URL and are not stored or recorded twice. Refused, with nothing written: 413 over the size
 * limit, 400 `image_invalid` (see checkContentImage), 409 `image_quota_exceeded` when the
 * tenant's images would pass `limits.tenantMaxBytes` even after the unused ones (named by no path,
 * draft or version, and uploaded a day or more before) are removed. Recorded as
 * `content.image.upload`; the images removed to make room as `content.image.remove`.
 */
export async function uploadContentImage(
  store: Store,
  actor: AdminActor,
  input: { tenantId: string; type: string; bytes: Buffer; origin: string },
  limits: { maxBytes: number; tenantMaxBytes: number } = CONTENT_IMAGE_LIMITS,
): Promise<ContentImageUploaded> {
  if (input.bytes.length > limits.maxBytes) throw imageTooLarge();
  const type = checkContentImage(input.bytes, input.type);
  const tenantId = await tenantFor(store, actor, input.tenantId);
  const image = {
    tenantId,
    hash: contentImageHash(input.bytes),
    type,
    size: input.bytes.length,
    uploadedBy: actor.kind === 'account' ? actor.accountId : null,
    uploadedAt: Date.now(),
  };
  const put = await store.putContentImage({ ...image, bytes: input.bytes }, limits.tenantMaxBytes);
  if (put.outcome !== 'exists' && put.removed.length) {
    const removed = put.removed.map((r) => ({ file: contentImageFileName(r), bytes: r.size }));
    await audit(store, actor, { tenantId, action: 'content.image.remove', target: tenantId, before: { images: removed, bytes: removed.reduce((sum, r) => sum + r.bytes, 0) } });
  }
  if (put.outcome === 'full') {
    throw new ApiError(
      409,
      'image_quota_exceeded',
      `the tenant's step images hold ${mib(put.storedBytes)} of at most ${mib(limits.tenantMaxBytes)}, each named by a path, a draft or a version in a path's history, or uploaded in the last day: this image does not fit (deleting paths no longer needed frees theirs)`,
    );
  }
  const url = contentImageUrl(input.origin, image);
  if (put.outcome === 'created') {
    await audit(store, actor, { tenantId, action: 'content.image.upload', target: `${tenantId}/${contentImageFileName(image)}`, after: { hash: image.hash, type, bytes: image.size, url } });
  }
  return { url, type, bytes: image.size, hash: image.hash };
}

/**
 * POST ROUTES.adminContentImages (admin, author): the image's bytes as the body, any media type
 * read as bytes (checked by the service, so that every refusal is `image_invalid`), at most
 * CONTENT_IMAGE_LIMITS.maxBytes, in a scope of its own.
 */
export function registerContentImageUpload(api: FastifyInstance, store: Store, authors: Parameters<typeof actorOf>[1], accounts: AccountOptions) {
  api.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CONTENT_IMAGE_LIMITS.maxBytes }, (_request, body, done) => done(null, body));
    upload.setErrorHandler((error: FastifyError, request, reply) =>
      errorHandler(error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (imageTooLarge() as unknown as FastifyError) : error, request, reply),
    );
    upload.post(
      ROUTES.adminContentImages,
      { config: STAFF, bodyLimit: CONTENT_IMAGE_LIMITS.maxBytes, schema: { response: { 201: ContentImageUploadedSchema } } },
      async (request, reply) => {
        const { actor, tenantId } = actorOf(request, authors);
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const origin = accounts.publicUrl ?? requestOrigin(request);
        return reply.status(201).send(await uploadContentImage(store, actor, { tenantId, type: mediaType(request.headers['content-type']), bytes, origin }));
      },
    );
  });
}
