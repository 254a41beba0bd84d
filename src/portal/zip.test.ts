import { expect } from '@open-wc/testing';
import { readZip } from '../../test/browser/zip-reader.js';
import { exportName, folderName, readFolder } from './content-files.js';
import { crc32, zipFiles } from './zip.js';

// The export's .zip (zip.ts) read back as an unpacker does (test/browser/zip-reader.ts), and how
// chosen files are named in the content folder (content-files.ts).

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A File as a folder choice gives it (`webkitRelativePath` is set by the browser only). */
function chosen(relative: string, text = '{}'): File {
  const file = new File([text], relative.split('/').pop()!, { type: 'application/json' });
  Object.defineProperty(file, 'webkitRelativePath', { value: relative });
  return file;
}

describe('content folder .zip', () => {
  it('computes CRC-32 as zip does', () => {
    expect(crc32(utf8('123456789')).toString(16)).to.equal('cbf43926');
    expect(crc32(utf8(''))).to.equal(0);
  });

  it('unpacks to the same files, folders and UTF-8 text, stored with their CRC-32', () => {
    const files = {
      'categories.json': '[{"id":"garden","name":"Garden"}]\n',
      'garden/lamp.json': '{"title":"Lámpara del jardín ☀"}\n',
      'garden/empty.json': '',
      'cuisine/bouilloire-été.json': '{}\n',
    };
    const zip = zipFiles(files, new Date(2026, 11, 7, 20, 30, 10));
    const entries = readZip(zip);
    expect(entries.map((e) => [e.name, e.text])).to.deep.equal(Object.entries(files));
    expect(entries.every((e) => e.method === 0 && e.utf8)).to.equal(true);
    // The modification time, as MS-DOS writes it: 2026-12-07 20:30:10.
    const view = new DataView(zip.buffer);
    expect([view.getUint16(10, true), view.getUint16(12, true)]).to.deep.equal([(20 << 11) | (30 << 5) | 5, (46 << 9) | (12 << 5) | 7]);
  });

  it('an empty folder is an archive with no entry', () => {
    expect(readZip(zipFiles({}))).to.deep.equal([]);
  });

  it('names chosen files as the folder has them, leaving out what the import does not read', async () => {
    expect(folderName(chosen('content/garden/lamp.json'))).to.equal('garden/lamp.json');
    expect(folderName(chosen('content/categories.json'))).to.equal('categories.json');
    expect(folderName(new File(['{}'], 'lamp.json')), 'a file chosen alone').to.equal('lamp.json');
    expect(folderName(chosen('content/README.md'))).to.equal(undefined);
    expect(folderName(chosen('content/.git/config.json'))).to.equal(undefined);
    expect(folderName(chosen('content/garden/.draft.json'))).to.equal(undefined);
    const read = await readFolder([chosen('content/garden/lamp.json', '{"id":"lamp"}'), chosen('content/notes.txt'), chosen('content/categories.json', '[]')]);
    expect(read).to.deep.equal({ 'categories.json': '[]', 'garden/lamp.json': '{"id":"lamp"}' });
    expect(Object.keys(read), 'sorted').to.deep.equal(['categories.json', 'garden/lamp.json']);
  });

  it('names the export after the tenant and the day', () => {
    expect(exportName('acme', new Date(2026, 0, 5, 23, 59))).to.equal('content-acme-2026-01-05.zip');
  });
});
