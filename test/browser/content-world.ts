import type { NexusDataTable } from '../../src/portal/data-table.js';
import type { NexusPortalPaths } from '../../src/portal/paths-page.js';
import type { GuidedPath } from '../../src/protocol/schemas.js';
import { until } from './env.js';
import { signedIn, staffAccount } from './people-world.js';
import { newTenant, part } from './portal-world.js';

// What the browser tests of the Content pages share (src/portal/paths-page.test.ts,
// paths-folder.test.ts): an author of a tenant of its own with categories and paths, and the
// import's folder choice.

/** A guided path of category garden with one step. */
export const doc = (id: string, title: string, extra: Partial<GuidedPath> = {}): GuidedPath => ({
  id,
  title,
  summary: '',
  category: 'garden',
  tags: [],
  helpIds: [],
  audience: 'consumer',
  steps: [{ id: 'one', title: 'Look', body: '<p>Look at it.</p>' }],
  ...extra,
});

/**
 * An author of a new tenant with categories garden and kitchen and three paths: lamp (published),
 * pump (published, then changed in a draft) and kettle (a draft of kitchen).
 */
export async function authorWithPaths(cleanup: (() => unknown)[]) {
  const tenant = await newTenant();
  const session = await signedIn(await staffAccount('author', { tenant }), cleanup);
  const content = session.admin.content;
  await content.createCategory({ id: 'garden', name: 'Garden', description: '' });
  await content.createCategory({ id: 'kitchen', name: 'Kitchen', description: '' });
  await content.create(doc('lamp', 'Garden lamp stays off', { tags: ['Lights'], helpIds: ['lamp-help'] }));
  await content.publish('lamp', 1);
  await content.create(doc('pump', 'Pond pump hums', { tags: ['Water'], helpIds: ['pump-help'], audience: 'all' }));
  await content.publish('pump', 1);
  await content.save('pump', 2, doc('pump', 'Pond pump hums loudly', { tags: ['Water', 'Lights'], helpIds: ['pump-help'], audience: 'all' }));
  await content.create(doc('kettle', 'Kettle will not boil', { category: 'kitchen', audience: 'agent' }));
  return { tenant, session, content };
}

/** The keys of the table's rows, in order. */
export const keys = (table: NexusDataTable) => table.rows.map((row) => row.id);

/** Chooses `files` (name in the folder → text) in the import's folder input, as a folder choice gives them. */
export async function chooseFolder(el: NexusPortalPaths, files: Record<string, string>) {
  const transfer = new DataTransfer();
  for (const [name, text] of Object.entries(files)) transfer.items.add(new File([text], name.split('/').pop()!, { type: 'application/json' }));
  const input = part<HTMLInputElement>(el, 'folder-input')!;
  input.files = transfer.files;
  const names = Object.keys(files);
  [...input.files].forEach((file, i) => Object.defineProperty(file, 'webkitRelativePath', { value: `content/${names[i]}` }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until(() => part(el, 'chosen'), 'the files read');
}
