/**
 * Starts a throw-away Nexus Cloud for browser and end-to-end tests:
 *
 *   node --import tsx server/test-fixture.ts [--content content/demo] [--sdk-dir dir] [--demo-dir dir]
 *
 * Prints one line `NEXUS_READY {"url":…,"tokens":{demo,other,expired,revoked,forged}}` on stdout
 * when it listens. Spawn it with a piped stdin: it stops, deleting its database, when stdin
 * closes or on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { startTestServer } from './test-server.js';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    'sdk-dir': { type: 'string' },
    'demo-dir': { type: 'string' },
  },
});

const server = await startTestServer({
  demoContent: values.content,
  sdkDir: values['sdk-dir'],
  demoDir: values['demo-dir'],
});
process.stdout.write(`NEXUS_READY ${JSON.stringify({ url: server.url, tokens: server.tokens })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
}
process.stdin.on('end', stop).on('close', stop).resume();
process.once('SIGTERM', stop).once('SIGINT', stop);
