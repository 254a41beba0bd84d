import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { client, contentFolder } from './helpers.js';

let server: TestServer;
let web: ReturnType<typeof client>;
before(async () => {
  const sdkDir = await contentFolder({ 'nexus-connect.js': 'export const version = "test";\n' });
  const demoDir = await contentFolder({
    'index.html': '<nexus-provider server="%NEXUS_SERVER%" token="%NEXUS_TOKEN%"></nexus-provider>',
    'support/page.html': '<script>init("%NEXUS_SERVER%", "%NEXUS_TOKEN%")</script>',
    'theme.css': '/* %NEXUS_TOKEN% stays */',
  });
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo, sdkDir, demoDir });
  web = client(server.url);
});
after(() => server.close());

/** A GET with a Host header fetch would not send. */
function getWithHost(path: string, host: string) {
  return new Promise<number>((resolve, reject) => {
    const { port } = new URL(server.url);
    request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    })
      .on('error', reject)
      .end();
  });
}

describe('SDK and demo files', () => {
  test('the SDK folder is served at /sdk/', async () => {
    const res = await web.get('/sdk/nexus-connect.js');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.body, 'export const version = "test";\n');
    assert.equal((await web.get('/sdk/missing.js')).body.error.code, 'not_found');
  });

  test('/ and /demo redirect to /demo/', async () => {
    for (const path of ['/', '/demo']) {
      const res = await web.get(path);
      assert.equal(res.status, 302);
      assert.equal(res.headers.get('location'), '/demo/');
    }
  });

  test('HTML pages get the server origin and the demo token filled in', async () => {
    const index = await web.get('/demo/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-store');
    assert.equal(index.body, `<nexus-provider server="${server.url}" token="${server.tokens.demo}"></nexus-provider>`);
    const page = await web.get('/demo/support/page.html');
    assert.equal(page.body, `<script>init("${server.url}", "${server.tokens.demo}")</script>`);
    assert.equal((await web.get('/demo/theme.css')).body, '/* %NEXUS_TOKEN% stays */');
  });

  test('the origin follows the Host the browser used', async () => {
    const { port } = new URL(server.url);
    const res = await fetch(`http://localhost:${port}/demo/index.html`);
    assert.match(await res.text(), new RegExp(`server="http://localhost:${port}"`));
  });

  test('missing files and paths outside the folder are 404; a hostile Host header is refused', async () => {
    const cases: [string, number][] = [
      ['/demo/nope.html', 404],
      ['/demo/nope.js', 404],
      ['/demo/%2e%2e%2fsecret.html', 404],
      ['/demo/..%2f..%2fpackage.json', 403],
    ];
    for (const [path, status] of cases) {
      const res = await web.get(path);
      assert.equal(res.status, status, path);
      assert.equal(res.body.error.code, status === 404 ? 'not_found' : 'forbidden');
    }
    assert.equal(await getWithHost('/demo/', 'evil.example"><script>alert(1)</script>'), 400);
    assert.equal(await getWithHost('/demo/', 'shop.example.com:8080'), 200);
  });
});
