/** Bad command line: the CLI prints the message and the usage to stderr and exits with 2. */
export class UsageError extends Error {}
