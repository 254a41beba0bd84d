/**
 * Hosted step images over HTTP (ROUTES.adminContentImages, ROUTES.contentImage), on both engines:
 * an author uploads a PNG and gets an absolute, content-addressed URL that any origin loads as
 * that image, unable to run script; the same bytes again are the same URL; refusals (size, SVG,
 * bytes that are not the declared type, empty, roles), the tenant's total, tenant isolation and
 * the audit log. Who may call what, for every caller, is the access matrix's.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CONTENT_IMAGE_LIMITS } from '../../src/protocol/authoring.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { uploadContentImage } from '../admin/content-images.js';
import { checkContentImage } from '../content-images.js';
import { startTestServer, TEST_ACCOUNTS, type TestServer } from '../test-server.js';
import { Browser, code } from './browser-session.js';
import { pngPixel } from './helpers.js';
import { engines, serverDatabase } from './store-engines.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

/** POST an image as the portal's editor does: the raw bytes with their Content-Type. */
async function upload(server: TestServer, who: Browser, body: Buffer, type?: string) {
  const res = await fetch(server.url + ROUTES.adminContentImages, {
    method: 'POST',
    headers: { ...(type !== undefined && { 'content-type': type }), cookie: who.cookie, 'x-csrf-token': who.csrf },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('checkContentImage', () => {
  test('each accepted type passes with its own first bytes; SVG, other types, empty and mismatched bytes are refused, saying why', () => {
    assert.equal(checkContentImage(pngPixel(0x123456), 'image/png'), 'image/png');
    assert.equal(checkContentImage(JPEG, 'image/jpeg'), 'image/jpeg');
    assert.equal(checkContentImage(GIF, 'image/gif'), 'image/gif');
    assert.equal(checkContentImage(WEBP, 'image/webp'), 'image/webp');
    for (const [bytes, type, why] of [
      [SVG, 'image/svg+xml', /SVG images are not accepted \(an SVG can carry script\)/],
      [SVG, 'image/png', /not a PNG image \(they are SVG, which is not accepted/],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/gif', /not a GIF image \(they are markup/],
      [Buffer.from('just some text'), 'image/png', /not a PNG image \(they are not an image of an accepted type\)/],
      [JPEG, 'image/png', /not a PNG image \(they are JPG: send them as image\/jpeg\)/],
      [Buffer.alloc(0), 'image/png', /empty/],
      [pngPixel(1), 'text/html', /not 'text\/html'/],
      [pngPixel(1), '', /not 'none'/],
      [pngPixel(1), 'image/bmp', /PNG, JPG, GIF, WEBP/],
    ] as const) {
      assert.throws(() => checkContentImage(bytes, type), (error: Error & { code?: string }) => error.code === 'image_invalid' && why.test(error.message), `${type}: ${why}`);
    }
  });
});

for (const engine of engines) {
  describe(`hosted step images (${engine.name})`, () => {
    let server: TestServer;
    let author: Browser;
    let admin: Browser;
    let supervisor: Browser;
    let otherAuthor: Browser;
    before(async () => {
      server = await startTestServer({ database: await serverDatabase(engine) });
      [author, admin, supervisor, otherAuthor] = [new Browser(server), new Browser(server), new Browser(server), new Browser(server)];
      await author.signIn(TEST_ACCOUNTS.demo.author);
      await admin.signIn(TEST_ACCOUNTS.demo.admin);
      await supervisor.signIn(TEST_ACCOUNTS.demo.supervisor);
      await otherAuthor.signIn(TEST_ACCOUNTS.other.author);
    });
    after(() => server.close());

    test('upload: 201 with an absolute content-addressed URL; served as that image, to any origin, never sniffed nor run; audited once', async () => {
      const png = pngPixel(0x2a7ab0);
      const up = await upload(server, author, png, 'image/png');
      assert.equal(up.status, 201, JSON.stringify(up.body));
      assert.match(up.body.url, new RegExp(`^${server.url}/v1/content-images/demo/[0-9a-f]{64}\\.png$`));
      assert.deepEqual([up.body.type, up.body.bytes, up.body.url.endsWith(`/${up.body.hash}.png`)], ['image/png', png.length, true]);

      const served = await fetch(up.body.url, { headers: { origin: 'https://shop.example.com' } });
      assert.equal(served.status, 200);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), png, 'the same bytes');
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(served.headers.get('content-security-policy'), "default-src 'none'; sandbox");
      assert.equal(served.headers.get('cross-origin-resource-policy'), 'cross-origin');
      assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(served.headers.get('content-disposition'), `inline; filename="${up.body.hash}.png"`);
      assert.equal(served.headers.get('access-control-allow-origin'), 'https://shop.example.com');
      const etag = served.headers.get('etag');
      assert.equal(etag, `"${up.body.hash}"`);
      const revalidated = await fetch(up.body.url, { headers: { 'if-none-match': etag! } });
      assert.equal(revalidated.status, 304, 'a cached copy is still good');

      const again = await upload(server, admin, png, 'image/png');
      assert.deepEqual([again.status, again.body], [201, up.body], 'the same bytes again: the same URL (an admin may upload too)');
      const audited = (await admin.send('GET', `${ROUTES.adminAudit}?action=content.image.upload&limit=10`)).body.items.filter((r: { target: string }) => r.target.endsWith(`${up.body.hash}.png`));
      assert.equal(audited.length, 1, 'recorded once, for the upload that stored it');
      assert.equal(audited[0].target, `demo/${up.body.hash}.png`);
      assert.deepEqual(audited[0].after, { hash: up.body.hash, type: 'image/png', bytes: png.length, url: up.body.url });

      for (const [bytes, type, ext] of [[JPEG, 'image/jpeg', 'jpg'], [GIF, 'image/gif', 'gif'], [WEBP, 'image/webp; charset=binary', 'webp']] as const) {
        const other = await upload(server, author, bytes, type);
        assert.equal(other.status, 201, `${type}: ${JSON.stringify(other.body)}`);
        assert.ok(other.body.url.endsWith(`.${ext}`));
        assert.equal((await fetch(other.body.url)).headers.get('content-type'), type.split(';')[0]);
      }
    });

    test('unknown names are 404 image_not_found: another hash, the wrong extension, another tenant', async () => {
      const up = await upload(server, author, pngPixel(0x00ff00), 'image/png');
      const missing = await fetch(up.body.url.replace(/[0-9a-f]{64}/, 'f'.repeat(64)));
      assert.deepEqual([missing.status, (await missing.json()).error.code], [404, 'image_not_found']);
      assert.equal((await fetch(up.body.url.replace(/\.png$/, '.gif'))).status, 404, 'the extension is the type’s');
      assert.equal((await fetch(up.body.url.replace('/demo/', '/other/'))).status, 404, 'images are per tenant');
      assert.equal((await fetch(up.body.url.replace(/\.png$/, '.svg'))).status, 400, 'not a name an image can have');
      const theirs = await upload(server, otherAuthor, pngPixel(0x00ff00), 'image/png');
      assert.equal(theirs.status, 201);
      assert.equal(theirs.body.url, up.body.url.replace('/demo/', '/other/'), 'the same bytes are hosted apart per tenant');
    });

    test('refusals: too big (413), SVG, a type not accepted, bytes of another type, empty (400 image_invalid), a supervisor (403); nothing stored', async () => {
      const before = await server.store.contentImageBytes('demo');
      const big = await upload(server, author, Buffer.concat([pngPixel(1), Buffer.alloc(CONTENT_IMAGE_LIMITS.maxBytes)]), 'image/png');
      assert.deepEqual([big.status, code(big)], [413, 'payload_too_large']);
      assert.match(big.body.error.message, /at most 2097152 bytes/);
      const svg = await upload(server, author, SVG, 'image/svg+xml');
      assert.deepEqual([svg.status, code(svg)], [400, 'image_invalid']);
      assert.match(svg.body.error.message, /SVG/);
      const disguised = await upload(server, author, SVG, 'image/png');
      assert.deepEqual([disguised.status, code(disguised)], [400, 'image_invalid']);
      const text = await upload(server, author, Buffer.from('hello, I am a text file named photo.png'), 'image/png');
      assert.deepEqual([text.status, code(text)], [400, 'image_invalid']);
      assert.match(text.body.error.message, /not a PNG image/);
      const html = await upload(server, author, Buffer.from('<html><script>alert(1)</script></html>'), 'text/html');
      assert.deepEqual([html.status, code(html)], [400, 'image_invalid']);
      const json = await upload(server, author, Buffer.from('{"image":1}'), 'application/json');
      assert.deepEqual([json.status, code(json)], [400, 'image_invalid'], 'a JSON body is no image either');
      const untyped = await upload(server, author, pngPixel(3));
      assert.deepEqual([untyped.status, code(untyped)], [400, 'image_invalid']);
      const empty = await upload(server, author, Buffer.alloc(0), 'image/png');
      assert.deepEqual([empty.status, code(empty)], [400, 'image_invalid']);
      const bySupervisor = await upload(server, supervisor, pngPixel(4), 'image/png');
      assert.deepEqual([bySupervisor.status, code(bySupervisor)], [403, 'forbidden']);
      assert.equal(await server.store.contentImageBytes('demo'), before, 'nothing was stored');
    });

    test("the tenant's total: an image that would pass it is refused (409 image_quota_exceeded); one stored already still answers", async () => {
      const actor = { kind: 'cli' as const };
      const origin = 'https://support.example.com';
      const stored = await server.store.contentImageBytes('demo');
      const first = pngPixel(0xabcdef);
      const limits = { maxBytes: CONTENT_IMAGE_LIMITS.maxBytes, tenantMaxBytes: stored + first.length };
      const fits = await uploadContentImage(server.store, actor, { tenantId: 'demo', type: 'image/png', bytes: first, origin }, limits);
      assert.match(fits.url, /^https:\/\/support\.example\.com\/v1\/content-images\/demo\//);
      await assert.rejects(uploadContentImage(server.store, actor, { tenantId: 'demo', type: 'image/png', bytes: pngPixel(0xabcdee), origin }, limits), (error: Error & { code?: string; status?: number }) => {
        assert.equal(error.code, 'image_quota_exceeded');
        assert.match(error.message, /MiB/);
        return true;
      });
      assert.deepEqual(await uploadContentImage(server.store, actor, { tenantId: 'demo', type: 'image/png', bytes: first, origin }, limits), fits, 'the same bytes take no more room');
      assert.equal(await server.store.contentImageBytes('demo'), stored + first.length);
      assert.equal((await server.store.getContentImage('demo', fits.hash))!.uploadedBy, null, 'the CLI uploaded it');
    });

    test('an upload that would pass the total first removes the images no path names that are a day old, and the audit log says which', async () => {
      const actor = { kind: 'cli' as const };
      const origin = 'https://support.example.com';
      const unused = pngPixel(0x123456);
      const hash = createHash('sha256').update(unused).digest('hex');
      await server.store.putContentImage({ tenantId: 'demo', hash, type: 'image/png', size: unused.length, uploadedBy: null, uploadedAt: Date.now() - 2 * 24 * 60 * 60_000, bytes: unused }, Number.MAX_SAFE_INTEGER);
      const stored = await server.store.contentImageBytes('demo');
      const next = pngPixel(0x654321);
      const limits = { maxBytes: CONTENT_IMAGE_LIMITS.maxBytes, tenantMaxBytes: stored + next.length - 1 };
      await uploadContentImage(server.store, actor, { tenantId: 'demo', type: 'image/png', bytes: next, origin }, limits);
      assert.equal(await server.store.getContentImage('demo', hash), undefined, 'the unused image made room');
      const [record] = await server.store.listAudit({ tenantId: 'demo', action: 'content.image.remove', limit: 1 });
      assert.deepEqual([record.target, record.before], ['demo', { images: [{ file: `${hash}.png`, bytes: unused.length }], bytes: unused.length }]);
    });
  });
}
