/**
 * Starts a throw-away Nexus Cloud for browser and end-to-end tests:
 *
 *   node --import tsx server/test-fixture.ts [--content content/demo] [--sdk-dir dir] [--demo-dir dir]
 *                                            [--offer-timeout 5000]
 *
 * Prints one line on stdout when it listens:
 *
 *   NEXUS_READY {"url":…,"tokens":{demo,other,expired,revoked,forged},
 *                "agents":{alex,sam,other},"agentIds":{alex,sam,other},"dbFile":…}
 *
 * `live` has a tenant per live-help test file (see LIVE_TENANTS in test-server.ts); `branding` is
 * the tenant with portal branding (BrandedTenant).
 * `agents` are agent tokens: alex (demo; skills sales and support), sam (demo; support) and
 * other (agent olivia of tenant other; support), all available. Chat offers expire after
 * --offer-timeout ms (default 5000). Revoked tokens are looked for every 200 ms. `dbFile` is the
 * database, for the CLI (tests revoke tokens with it as an operator would). A line `restart` on
 * stdin restarts it in place. Spawn it with a piped stdin: it stops, deleting its
 * database, when stdin closes or on SIGTERM / SIGINT.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startTestServer, TEST_AGENT_IDS } from './test-server.js';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    'sdk-dir': { type: 'string' },
    'demo-dir': { type: 'string' },
    'offer-timeout': { type: 'string', default: '5000' },
  },
});

const offerTimeoutMs = Number(values['offer-timeout']);
if (!Number.isInteger(offerTimeoutMs) || offerTimeoutMs <= 0) throw new Error('--offer-timeout must be a positive number of ms');

const server = await startTestServer({
  demoContent: values.content,
  sdkDir: values['sdk-dir'],
  demoDir: values['demo-dir'],
  live: { offerTimeoutMs, revocationPollMs: 200 },
});
const ready = {
  url: server.url,
  tokens: server.tokens,
  agents: server.agents,
  agentIds: TEST_AGENT_IDS,
  live: server.live,
  branding: server.branding,
  dbFile: server.dbFile,
};
process.stdout.write(`NEXUS_READY ${JSON.stringify(ready)}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
}
process.stdin.on('end', stop).on('close', stop);
// A line `restart` on stdin stops the server and starts it again on the same database and port
// (end-to-end tests of reconnection); it answers `NEXUS_RESTARTED` when listening again.
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'restart' || stopping) return;
  void server.restart({ samePort: true }).then(() => process.stdout.write('NEXUS_RESTARTED\n'));
});
process.once('SIGTERM', stop).once('SIGINT', stop);
