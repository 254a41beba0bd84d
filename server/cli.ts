/**
 * Nexus Cloud command line: `node --import tsx server/cli.ts [--db <file>] <command> …`
 * (or `npm run cloud -- <command> …`). Run with --help for the usage text.
 */
import { runCli } from './commands.js';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
});
