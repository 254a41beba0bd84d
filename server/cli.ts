/**
 * Nexus Cloud command line: `node --import tsx server/cli.ts [--db <file>] <command> …`
 * (or `npm run cloud -- <command> …`). Run with --help for the usage text.
 */
// First: V8 flags must be set before the server's code is loaded (ops/v8-flags.ts).
import './ops/v8-flags.js';
import { runCli } from './commands.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
});
