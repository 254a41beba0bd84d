/** A person's browser in the server tests: the session cookie and CSRF token of a signed-in account. */
import { ROUTES } from '../../src/protocol/routes.js';
import { TEST_PASSWORD, type TestServer } from '../test-server.js';

/** A browser of one person: its session cookie and CSRF token. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(private readonly server: TestServer) {}

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.server.url + path, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookie && { cookie: this.cookie }),
        ...(this.csrf && method !== 'GET' && { 'x-csrf-token': this.csrf }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    return { status: res.status, headers: res.headers, setCookie, body: text ? JSON.parse(text) : undefined };
  }

  async signIn(email: string, password = TEST_PASSWORD, tenant?: string) {
    const res = await this.send('POST', ROUTES.authSignIn, { email, password, ...(tenant && { tenant }) });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }
}

/** The error code of an answer. */
export const code = (res: { body?: { error?: { code: string } } }) => res.body?.error?.code;
