import { expect, fixture, html } from '@open-wc/testing';
import { cleanupAfterEach, env, refusal, until } from '../../test/browser/env.js';
import { newAccount, newTenant, server, signedIn } from '../../test/browser/portal-world.js';
import '../components/guided-path/guided-path.js';
import type { NexusGuidedPath } from '../components/guided-path/guided-path.js';
import type { GuidedPath } from '../protocol/schemas.js';
import type { NexusError } from './errors.js';

// `session.admin.content.uploadImage` against the real server: what the portal's rich-text editor
// calls for an image in a step body. The image is hosted at an absolute URL any page loads, and an
// `<img>` of it in a published step renders in <nexus-guided-path> on a customer's page.

const cleanup = cleanupAfterEach();

/** A real PNG a browser makes: `width` × 1 pixels of one colour. */
async function png(width: number, colour: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = 1;
  const context = canvas.getContext('2d')!;
  context.fillStyle = colour;
  context.fillRect(0, 0, width, 1);
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
}

describe('AdminClient content.uploadImage (hosted step images)', function () {
  this.timeout(60_000);

  it('hosts a PNG at an absolute URL that serves the same bytes, as an image that cannot run script; the same file again is the same URL', async () => {
    const tenant = await newTenant();
    const content = (await signedIn(cleanup, await newAccount({ tenant, role: 'author' }))).admin.content;
    const image = new File([await png(3, 'rgb(20, 120, 200)')], 'diagram.png', { type: 'image/png' });
    const url = await content.uploadImage(image);
    expect(url).to.match(new RegExp(`^https?://[^/]+/v1/content-images/${tenant}/[0-9a-f]{64}\\.png$`));
    expect(await content.uploadImage(image)).to.equal(url, 'the same bytes: the same URL');

    // Read through the test page's own origin, so that every header is visible to the test.
    const served = await fetch(`${server}${new URL(url).pathname}`);
    expect(served.status).to.equal(200);
    expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(new Uint8Array(await image.arrayBuffer()));
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
    expect(served.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
    expect(served.headers.get('etag')).to.equal(`"${/([0-9a-f]{64})\.png$/.exec(url)![1]}"`);
    // And from its own URL, as another origin's page loads it (Cache-Control is readable across origins).
    const direct = await fetch(url);
    expect(direct.status).to.equal(200);
    expect(direct.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
  });

  it('refuses a text file named .png and an SVG with image_invalid, saying why', async () => {
    const content = (await signedIn(cleanup, await newAccount({ tenant: await newTenant(), role: 'author' }))).admin.content;
    const text = await refusal<NexusError>(content.uploadImage(new File(['These are my notes, not a picture.'], 'notes.png', { type: 'image/png' })));
    expect([text.code, text.status]).to.deep.equal(['image_invalid', 400]);
    expect(text.message).to.contain('not a PNG image');
    const svg = await refusal<NexusError>(content.uploadImage(new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], 'logo.svg', { type: 'image/svg+xml' })));
    expect([svg.code, svg.status]).to.deep.equal(['image_invalid', 400]);
    expect(svg.message).to.contain('SVG');
    const supervisor = (await signedIn(cleanup, await newAccount({ role: 'supervisor' }))).admin.content;
    expect((await refusal<NexusError>(supervisor.uploadImage(await png(1, 'red')))).code).to.equal('forbidden');
  });

  it('an <img> of the hosted URL in a published step survives the sanitizer and shows in <nexus-guided-path>', async () => {
    const tenant = await newTenant();
    const author = (await signedIn(cleanup, await newAccount({ tenant, role: 'author' }))).admin;
    const url = await author.content.uploadImage(await png(7, 'rgb(200, 40, 40)'));
    await author.content.createCategory({ id: 'wiring', name: 'Wiring', description: '' });
    const path: GuidedPath = {
      id: 'fuse-box',
      title: 'Find the fuse box',
      summary: 'Where the fuse box is.',
      category: 'wiring',
      tags: [],
      helpIds: ['fuse-box-help'],
      audience: 'consumer',
      steps: [{ id: 'look', title: 'Look for this box', body: `<p>It looks like this:</p><p><img src="${url}" alt="A grey fuse box with a red switch"></p>` }],
    };
    await author.content.create(path);
    await author.content.publish('fuse-box', 1);
    const admin = (await signedIn(cleanup, await newAccount({ tenant }))).admin;
    const { jwt } = await admin.tokens.create({ name: 'Fuse site' });

    const el = await fixture<NexusGuidedPath>(html`<nexus-guided-path server=${env.server} token=${jwt} help-id="fuse-box-help"></nexus-guided-path>`);
    const img = (await until(() => el.shadowRoot!.querySelector<HTMLImageElement>('[part~="step-body"] img'), 'the step image'))!;
    expect(img.getAttribute('src')).to.equal(url);
    expect(img.alt).to.equal('A grey fuse box with a red switch');
    await img.decode();
    expect([img.naturalWidth, img.naturalHeight]).to.deep.equal([7, 1]);
    await expect(el).to.be.accessible();
  });
});
