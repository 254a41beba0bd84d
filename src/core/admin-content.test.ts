import { expect } from '@open-wc/testing';
import { cleanupAfterEach, env, refusal } from '../../test/browser/env.js';
import { newAccount, newTenant, signedIn } from '../../test/browser/portal-world.js';
import type { GuidedPath } from '../protocol/schemas.js';
import { NexusClient } from './client.js';
import type { NexusError } from './errors.js';

// `session.admin.content` (AdminClient) against the real server: an author of a new tenant makes
// a category and a path, saves, meets the conflict of a stale revision, publishes after a refusal
// of the checks, and customers find the path; versions, restore, help-ids and deletion. (One
// browser holds one session cookie: the server tests have two authors side by side.)

const cleanup = cleanupAfterEach();

const path = (id: string, title: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary: 'Why the garden light stays off.',
  category: 'garden',
  tags: ['Garden'],
  helpIds: [`${id}-help`],
  audience: 'consumer',
  steps: [{ id: 'check', title: 'Check the fuse', body: '<p>Open the box and look at the fuse.</p>' }],
  ...extra,
});

describe('AdminClient content (authoring)', function () {
  this.timeout(60_000);

  it('authors write, conflict, publish after the checks, and customers then find the path', async () => {
    const tenant = await newTenant();
    const first = await signedIn(cleanup, await newAccount({ tenant, role: 'author', name: 'First Author' }));
    const content = first.admin.content;

    const category = await content.createCategory({ id: 'garden', name: 'Garden', description: 'Outside.' });
    expect([category.id, category.pathCount]).to.deep.equal(['garden', 0]);
    const created = await content.create(path('garden-light', 'Garden light stays off', { steps: [{ id: 'check', title: 'Check', body: '<p> </p>' }] }));
    expect([created.status, created.revision]).to.deep.equal(['draft', 1]);
    expect((await content.categories())[0].pathCount).to.equal(1);

    const saved = await content.save('garden-light', 1, path('garden-light', 'Garden light stays off'));
    expect(saved.revision).to.equal(2);
    const conflict = await refusal<NexusError>(content.save('garden-light', 1, path('garden-light', 'From an old copy')));
    expect([conflict.code, conflict.status]).to.deep.equal(['edit_conflict', 409]);
    expect(conflict.details[0]).to.include({ revision: 2 });
    expect((conflict.details[0] as unknown as { savedBy: { name: string } }).savedBy.name).to.equal('First Author');

    await content.save('garden-light', 2, path('garden-light', 'Garden light stays off', { steps: [{ id: 'check', title: 'Check', body: '', next: 'nowhere' }] }));
    const checks = await refusal<NexusError>(content.publish('garden-light', 3));
    expect(checks.code).to.equal('publish_checks_failed');
    expect(checks.details.map((d) => (d as unknown as { code: string }).code)).to.deep.equal(['target_missing', 'step_empty']);

    await content.save('garden-light', 3, path('garden-light', 'Garden light stays off'));
    const published = await content.publish('garden-light', 4);
    expect([published.path.status, published.path.version]).to.deep.equal(['published', 1]);
    const { items } = await content.list({ q: 'garden', status: 'published' });
    expect(items.map((p) => p.id)).to.deep.equal(['garden-light']);

    // A customer's client of the tenant reads and finds it.
    const token = await first.admin.tokens.create({ name: 'Garden site' }).catch(() => undefined);
    expect(token, 'an author makes no tokens').to.equal(undefined);
    const admin = await signedIn(cleanup, await newAccount({ tenant }));
    const app = await admin.admin.tokens.create({ name: 'Garden site' });
    const customer = new NexusClient({ server: env.server, token: app.jwt });
    expect((await customer.selfHelp.search('garden light')).items.map((h) => h.id)).to.deep.equal(['garden-light']);
    expect((await customer.selfHelp.byHelpId('garden-light-help')).id).to.equal('garden-light');
  });

  it('versions, restore, duplicate, help-id moves and deletion with its links', async () => {
    const tenant = await newTenant();
    const content = (await signedIn(cleanup, await newAccount({ tenant, role: 'author' }))).admin.content;
    await content.createCategory({ id: 'garden', name: 'Garden', description: '' });
    await content.create(path('lamp', 'Lamp, first words'));
    await content.publish('lamp', 1);
    await content.save('lamp', 2, path('lamp', 'Lamp, second words'));
    await content.publish('lamp', 3);
    const versions = await content.versions('lamp');
    expect(versions.map((v) => v.version)).to.deep.equal([2, 1]);
    expect((await content.version('lamp', 1)).path.title).to.equal('Lamp, first words');
    const restored = await content.restore('lamp', 1, 4);
    expect([restored.status, restored.draft!.path.title]).to.deep.equal(['changed', 'Lamp, first words']);
    expect((await content.discard('lamp', 5)).path!.status).to.equal('published');

    const copy = await content.duplicate('lamp', { id: 'lamp-copy' });
    expect([copy.draft!.path.title, copy.draft!.path.helpIds]).to.deep.equal(['Lamp, second words (copy)', []]);
    await content.publish('lamp-copy', 1);
    expect(await content.moveHelpId('lamp-help', 'lamp-copy')).to.deep.equal({ helpId: 'lamp-help', from: 'lamp', to: 'lamp-copy' });
    expect((await content.links('lamp-copy')).helpIds).to.deep.equal(['lamp-help']);
    expect(await content.remove('lamp-copy')).to.deep.equal({ id: 'lamp-copy', helpIds: ['lamp-help'] });
    expect((await refusal<NexusError>(content.get('lamp-copy'))).code).to.equal('path_not_found');
    const files = await content.exportFiles();
    expect(Object.keys(files).sort()).to.deep.equal(['categories.json', 'garden/lamp.json']);
    const lamp = JSON.parse(files['garden/lamp.json']) as GuidedPath;
    expect((await content.importFiles({ 'garden/lamp.json': JSON.stringify({ ...lamp, title: 'Lamp, from git' }) })).paths).to.equal(1);
    expect((await content.get('lamp')).published!.title).to.equal('Lamp, from git');
    expect((await refusal<NexusError>(content.importFiles({ 'garden/lamp.json': '{' }))).code).to.equal('content_invalid');
    const inUse = await refusal<NexusError>(content.removeCategory('garden'));
    expect(inUse.code).to.equal('category_in_use');
    await content.updateCategory('garden', { name: 'Garden and patio' });
    expect((await content.categories())[0].name).to.equal('Garden and patio');
  });
});
