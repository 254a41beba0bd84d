// The fixture server on the test page's own origin, under /__nexus/api/: HTTP requests (with
// their cookies) and the live WebSocket are passed on to it. Signing in with an account makes a
// session cookie, which the server accepts from its own origin only (docs/security.md#accounts),
// so the tests of that sign-in point their elements at `${location.origin}/__nexus/api`.
import { connect } from 'node:net';

export const SAME_ORIGIN_API = '/__nexus/api';

/**
 * The headers passed each way: what the API reads (`origin` and `sec-fetch-site` tell it a browser
 * sent the request, for the token audiences), and what it answers with (the safety headers of a
 * hosted theme file or step image, and its ETag, too).
 */
const REQUEST_HEADERS = ['content-type', 'cookie', 'x-csrf-token', 'authorization', 'origin', 'sec-fetch-site'];
const RESPONSE_HEADERS = [
  'content-type',
  'set-cookie',
  'retry-after',
  'x-content-type-options',
  'content-security-policy',
  'cross-origin-resource-policy',
  'etag',
];

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * `middleware` (for the config's `middleware`) passes HTTP requests on; `plugin` passes WebSocket
 * upgrades on. `target()` is the fixture server's origin.
 */
export function sameOriginApi(target) {
  const middleware = async (ctx, next) => {
    if (!ctx.path.startsWith(`${SAME_ORIGIN_API}/`)) return next();
    const headers = Object.fromEntries(REQUEST_HEADERS.filter((name) => ctx.get(name)).map((name) => [name, ctx.get(name)]));
    const body = ctx.method === 'GET' || ctx.method === 'HEAD' ? undefined : await readBody(ctx.req);
    const res = await fetch(target() + ctx.url.slice(SAME_ORIGIN_API.length), { method: ctx.method, headers, body, redirect: 'manual' });
    ctx.status = res.status;
    for (const name of RESPONSE_HEADERS) {
      const value = res.headers.get(name);
      if (value) ctx.set(name, value);
    }
    ctx.body = Buffer.from(await res.arrayBuffer());
  };
  const plugin = {
    name: 'nexus-same-origin-api',
    serverStart({ server }) {
      server.on('upgrade', (req, socket, head) => {
        if (!req.url.startsWith(`${SAME_ORIGIN_API}/`)) return;
        const { hostname, port } = new URL(target());
        const upstream = connect(Number(port), hostname, () => {
          const lines = [`${req.method} ${req.url.slice(SAME_ORIGIN_API.length)} HTTP/1.1`];
          for (let i = 0; i < req.rawHeaders.length; i += 2) {
            const name = req.rawHeaders[i];
            lines.push(name.toLowerCase() === 'host' ? `Host: ${hostname}:${port}` : `${name}: ${req.rawHeaders[i + 1]}`);
          }
          upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
          if (head?.length) upstream.write(head);
          upstream.pipe(socket);
          socket.pipe(upstream);
        });
        const end = () => {
          upstream.destroy();
          socket.destroy();
        };
        upstream.on('error', end);
        socket.on('error', end);
        socket.on('close', end);
      });
    },
  };
  return { middleware, plugin };
}
