import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../app.js';
import { issueSessionToken, issueToken } from '../auth.js';
import { FIXTURE_CONTENT, startTestServer, type TestServer } from '../test-server.js';
import { contentFolder, grantOf } from './helpers.js';

let server: TestServer;
before(async () => {
  const sdkDir = await contentFolder({ 'self-help.js': 'export {};\n' });
  server = await startTestServer({ demoContent: FIXTURE_CONTENT.demo, sdkDir });
});
after(() => server.close());

interface Page {
  status: number;
  headers: Headers;
  body: string;
}

/** GET /embed with these parameters (in this order; a name may repeat). */
async function embed(params: Record<string, string> | [string, string][], path = '/embed'): Promise<Page> {
  const query = new URLSearchParams(params).toString();
  const res = await fetch(`${server.url}${path}${query ? `?${query}` : ''}`);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

const decode = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);

/** The attributes of the first `<tag …>` in the page, decoded. */
function attributesOf(body: string, tag: string): Record<string, string> {
  const start = new RegExp(`<${tag}((?:\\s+[a-z-]+(?:="[^"]*")?)*)\\s*>`).exec(body);
  assert.ok(start, `the page has a <${tag}>`);
  return Object.fromEntries([...start[1].matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, decode(value ?? '')]));
}

/** Checks a problem page: status, HTML, the error code, and that the text says `message`. */
function assertProblem(page: Page, status: number, code: string, message: string | RegExp) {
  assert.equal(page.status, status, page.body);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(page.body, /<h1>Self help could not be shown<\/h1>/);
  assert.ok(page.body.includes(`<code>${code}</code> (HTTP ${status})`), `code ${code} shown`);
  assert.equal(attributesOf(page.body, 'main')['data-code'], code);
  const text = decode(page.body.replace(/<[^>]*>/g, ''));
  if (typeof message === 'string') assert.ok(text.includes(message), `"${message}" in:\n${text}`);
  else assert.match(text, message);
  assert.ok(!page.body.includes('<nexus-self-help'), 'no self help on a problem page');
}

const valid = () => ({ jwt: server.tokens.demo });

describe('embed page', () => {
  test('renders self help configured from every parameter', async () => {
    const page = await embed({
      searchtype: 'tags',
      searchvalue: ' LightBulb ,Thermostat,, ',
      displayorder: 'paths, Search ,contact_us,paths',
      jwt: server.tokens.demo,
      phone: '1-800-GETHELP',
      skill: 'support',
      remoteConnectionType: 'remote',
      parentOrigin: 'https://Shop.Example.com/',
    });
    assert.equal(page.status, 200, page.body);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.deepEqual(attributesOf(page.body, 'nexus-self-help'), {
      'search-type': 'tags',
      'search-value': 'LightBulb,Thermostat',
      sections: '["paths","search","contact-us"]',
      phone: '1-800-GETHELP',
      skill: 'support',
      'remote-connection-type': 'remote',
    });
    assert.deepEqual(attributesOf(page.body, 'nexus-provider'), { server: '/', token: server.tokens.demo });
    assert.equal(attributesOf(page.body, 'html')['data-parent-origin'], 'https://shop.example.com');
    assert.match(page.body, /<script type="module" src="\/sdk\/self-help\.js"><\/script>/);
  });

  test('help-id and text searches; without parameters, the defaults', async () => {
    const helpId = await embed({ ...valid(), searchtype: 'helpid', searchvalue: 'bulb-reset' });
    assert.equal(attributesOf(helpId.body, 'nexus-self-help')['search-value'], 'bulb-reset');
    assert.equal(attributesOf(helpId.body, 'nexus-self-help')['search-type'], 'helpid');
    const text = await embed({ ...valid(), searchtype: 'text', searchvalue: 'reset bulb' });
    assert.equal(attributesOf(text.body, 'nexus-self-help')['search-value'], 'reset bulb');
    const bare = await embed(valid(), '/embed/');
    assert.equal(bare.status, 200);
    assert.deepEqual(attributesOf(bare.body, 'nexus-self-help'), { 'remote-connection-type': 'cobrowse' });
    assert.equal(attributesOf(bare.body, 'html')['data-parent-origin'], undefined);
  });

  test('empty values count as absent; names and keywords are not case-sensitive', async () => {
    const empty = await embed({ ...valid(), searchtype: '', searchvalue: '', displayorder: ' ', phone: '', skill: '', parentOrigin: '' });
    assert.equal(empty.status, 200, empty.body);
    assert.deepEqual(attributesOf(empty.body, 'nexus-self-help'), { 'remote-connection-type': 'cobrowse' });
    const mixed = await embed({ JWT: server.tokens.demo, searchType: 'HelpId', SearchValue: 'bulb-reset', DisplayOrder: 'CONTACT-US', REMOTECONNECTIONTYPE: 'Remote' });
    assert.deepEqual(attributesOf(mixed.body, 'nexus-self-help'), {
      'search-type': 'helpid',
      'search-value': 'bulb-reset',
      sections: '["contact-us"]',
      'remote-connection-type': 'remote',
    });
  });

  test('parentOrigin is normalized to the origin the browser reports', async () => {
    for (const [given, origin] of [
      ['https://shop.example.com:443', 'https://shop.example.com'],
      ['HTTP://LOCALHOST:8080/', 'http://localhost:8080'],
      ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ]) {
      const page = await embed({ ...valid(), parentOrigin: given });
      assert.equal(attributesOf(page.body, 'html')['data-parent-origin'], origin, given);
    }
  });

  test('a token of another tenant works: the page is the same for any tenant', async () => {
    const page = await embed({ jwt: server.tokens.other });
    assert.equal(page.status, 200);
    assert.equal(attributesOf(page.body, 'nexus-provider').token, server.tokens.other);
  });
});

describe('bad parameters: a 400 page that says what is wrong', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['unknown searchtype', { searchtype: 'category', searchvalue: 'x' }, 'searchtype must be helpid, tags or text (got "category")'],
    ['searchvalue missing', { searchtype: 'helpid' }, 'searchvalue is missing: searchtype=helpid needs the help-id'],
    ['searchvalue blank', { searchtype: 'tags', searchvalue: '  ' }, 'searchvalue is missing: searchtype=tags'],
    ['searchvalue without searchtype', { searchvalue: 'bulb-reset' }, 'searchvalue needs a searchtype'],
    ['bad help-id', { searchtype: 'helpid', searchvalue: 'a/b' }, 'searchvalue "a/b" is not a valid help-id'],
    ['bad tag', { searchtype: 'tags', searchvalue: 'LightBulb,#x' }, 'searchvalue: "#x" is not a valid tag'],
    ['only commas as tags', { searchtype: 'tags', searchvalue: ',,' }, 'searchvalue has no tags'],
    ['too many tags', { searchtype: 'tags', searchvalue: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') }, 'searchvalue has 21 tags; at most 20'],
    ['text too long', { searchtype: 'text', searchvalue: 'x'.repeat(201) }, 'searchvalue is longer than 200 characters'],
    ['unknown displayorder entry', { displayorder: 'search,faq' }, 'displayorder: "faq" is not a section (use search, categories, paths, contact_us)'],
    ['bad remoteConnectionType', { remoteConnectionType: 'screen' }, 'remoteConnectionType must be cobrowse or remote (got "screen")'],
    ['bad skill', { skill: 'Sales Team' }, 'skill "Sales Team" is not a skill id'],
    ['phone too long', { phone: '1'.repeat(41) }, 'phone is longer than 40 characters'],
    ['phone with control characters', { phone: '555\u0000' }, 'phone contains control characters'],
    ['parentOrigin with a path', { parentOrigin: 'https://shop.example.com/help' }, 'parentOrigin must be an origin such as https://www.example.com'],
    ['parentOrigin not http', { parentOrigin: 'javascript:alert(1)' }, 'parentOrigin must be an origin'],
    ['parentOrigin not a URL', { parentOrigin: 'shop.example.com' }, 'parentOrigin must be an origin'],
    ['parentOrigin with a query', { parentOrigin: 'https://shop.example.com/?a=1' }, 'parentOrigin must be an origin'],
    ['parentOrigin with a user', { parentOrigin: 'https://me@shop.example.com' }, 'parentOrigin must be an origin'],
    ['parentOrigin *', { parentOrigin: '*' }, 'parentOrigin must be an origin'],
    ['unknown parameter', { search_type: 'helpid' }, '"search_type" is not a parameter of the embed'],
  ];
  for (const [name, params, message] of cases) {
    test(name, async () => {
      assertProblem(await embed({ ...valid(), ...params }), 400, 'invalid_request', message);
    });
  }

  test('a parameter given twice (in any case)', async () => {
    const page = await embed([['jwt', server.tokens.demo], ['skill', 'sales'], ['Skill', 'support']]);
    assertProblem(page, 400, 'invalid_request', 'skill is given 2 times; give it once');
  });

  test('every problem is listed at once, and parameters are checked before the token', async () => {
    const page = await embed({ jwt: 'nonsense', searchtype: 'nope', displayorder: 'faq', skill: 'X' });
    assertProblem(page, 400, 'invalid_request', 'Some parameters of this embed are not right:');
    assert.equal(page.body.match(/<li>/g)?.length, 3);
  });
});

describe('the token: verified as the API does, a 401 page otherwise', () => {
  test('missing', async () => {
    assertProblem(await embed({}), 401, 'token_missing', 'Add the application token as the jwt parameter.');
    assertProblem(await embed({ jwt: ' ' }), 401, 'token_missing', 'the jwt parameter is missing');
  });

  test('expired, forged, revoked, not a JWT', async () => {
    assertProblem(await embed({ jwt: server.tokens.expired }), 401, 'token_expired', 'the token has expired');
    assertProblem(await embed({ jwt: server.tokens.forged }), 401, 'token_invalid', 'the token is not valid');
    assertProblem(await embed({ jwt: server.tokens.revoked }), 401, 'token_revoked', 'the token has been revoked');
    assertProblem(await embed({ jwt: 'not.a.jwt' }), 401, 'token_invalid', 'the token is not valid');
  });

  test('an agent or session token is refused: the embed takes application tokens', async () => {
    assertProblem(await embed({ jwt: server.agents.alex }), 403, 'forbidden', 'Use an application token here');
    const session = await issueSessionToken(server.store, { tenantId: 'demo', id: 'no-such-session' }, grantOf(server.tokens.demo));
    const page = await embed({ jwt: session });
    assert.equal(page.status, 404);
    assert.equal(attributesOf(page.body, 'main')['data-code'], 'session_not_found');
  });

  test('a token for REST APIs alone is refused: the embed is a page; one for client apps is taken, whoever fetches it', async () => {
    const rest = await issueToken(server.store, { tenantId: 'demo', name: 'crm', version: '1', audience: 'rest-apis' });
    assertProblem(await embed({ jwt: rest.jwt }), 403, 'token_audience', 'Use an application token whose audience includes client apps.');
    const apps = await issueToken(server.store, { tenantId: 'demo', name: 'site', version: '1', audience: 'client-apps' });
    const page = await embed({ jwt: apps.jwt });
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('<nexus-self-help'));
  });

  test('the token is never shown on a problem page', async () => {
    const page = await embed({ jwt: server.tokens.expired });
    assert.ok(!page.body.includes(server.tokens.expired));
  });
});

describe('escaping', () => {
  const attack = `"'><img src=x onerror=alert(1)><script>alert(1)</script>`;
  /** The page has no markup from the attack: only our own script tags, no img, the text escaped. */
  function assertEscaped(page: Page, scripts: number) {
    assert.ok(!page.body.includes('<img'), page.body);
    assert.ok(!page.body.includes('<script>alert'), page.body);
    assert.ok(!page.body.includes(`"'>`), page.body);
    assert.equal(page.body.match(/<script/g)?.length, scripts, 'only our scripts');
  }

  // The messages about these quote the value they got.
  const quoted = new Set(['searchtype', 'displayorder', 'skill', 'remoteConnectionType', 'parentOrigin']);
  for (const name of ['searchtype', 'displayorder', 'phone', 'skill', 'remoteConnectionType', 'parentOrigin', 'jwt']) {
    test(`an attack in ${name}`, async () => {
      const page = await embed({ ...valid(), [name]: attack });
      assert.notEqual(page.status, 200);
      assertEscaped(page, 1);
      if (quoted.has(name)) assert.ok(page.body.includes('&quot;&#39;&gt;&lt;img src=x'), 'shown as text');
    });
  }

  for (const searchtype of ['helpid', 'tags', 'text']) {
    test(`an attack in searchvalue (${searchtype})`, async () => {
      const page = await embed({ ...valid(), searchtype, searchvalue: attack });
      assertEscaped(page, page.status === 200 ? 2 : 1);
      // Text is free-form, so it reaches the element, as an attribute value.
      if (searchtype === 'text') assert.equal(attributesOf(page.body, 'nexus-self-help')['search-value'], attack);
    });
  }

  test('an attack in a parameter name, and a phone number that is markup', async () => {
    assertEscaped(await embed({ ...valid(), [attack]: '1' }), 1);
    const page = await embed({ ...valid(), phone: '<b>555</b>' });
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('phone="&lt;b&gt;555&lt;/b&gt;"'));
  });
});

describe('headers', () => {
  function assertHeaders(page: Page) {
    assert.equal(page.headers.get('x-frame-options'), null, 'frameable');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const csp = page.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    assert.ok(!directives.has('frame-ancestors'), 'any site may frame it');
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    // Scripts: this server, and the page's one inline script by its hash.
    const inline = [...page.body.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(inline.length, 1);
    const hash = `'sha256-${createHash('sha256').update(inline[0]).digest('base64')}'`;
    assert.deepEqual(directives.get('script-src'), ["'self'", hash]);
  }

  test('the page and the problem pages: frameable, a strict script policy, no referrer, not cached', async () => {
    assertHeaders(await embed(valid()));
    assertHeaders(await embed({ searchtype: 'x' }));
    assertHeaders(await embed({ jwt: server.tokens.forged }));
  });
});

describe('without the browser bundle', () => {
  test('a 404 page says the server does not serve it', async () => {
    const emptyDir = await contentFolder({ 'core.js': '' });
    for (const sdkDir of [undefined, emptyDir]) {
      const app = buildApp({ store: server.store, sdkDir });
      try {
        const res = await app.inject({ url: `/embed?jwt=${server.tokens.demo}` });
        assertProblem({ status: res.statusCode, headers: new Headers(res.headers as Record<string, string>), body: res.body }, 404, 'not_found', 'This server does not serve the self-help bundle');
      } finally {
        await app.close();
      }
    }
  });
});
