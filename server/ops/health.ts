/**
 * Liveness and readiness, for load balancers and orchestrators. Both are public (no token), cheap,
 * carry no tenant data and are not rate limited (rate-limit.ts):
 *
 * - `GET /v1/health`: 200 `{ status: 'ok' }` as long as the process answers, also while it shuts
 *   down. A balancer or orchestrator that restarts dead processes asks this one.
 * - `GET /v1/ready`: 200 `{ status: 'ready', checks }` when the store and every other registered
 *   dependency (a bus...) answer within the timeout; 503 `not_ready` naming the ones that did not,
 *   and 503 from the moment a graceful shutdown starts. A balancer sends traffic only to ready
 *   processes (docs/deploy.md).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { ROUTES } from '../../src/protocol/routes.js';
import { ErrorBody } from '../../src/protocol/schemas.js';
import { ApiError } from '../errors.js';

/** One dependency `/v1/ready` asks. The store's is built in; a bus adds its own (AppOptions.readiness). */
export interface ReadinessCheck {
  /** Named in the 503's message: `store`, `bus`... */
  readonly name: string;
  /** Resolves when the dependency answers; a rejection, or no answer within the timeout, is "not ready". */
  check(): Promise<void>;
}

/** How long `/v1/ready` waits for each check by default. */
export const DEFAULT_READY_TIMEOUT_MS = 2000;

export const HealthStatus = Type.Object({ status: Type.Literal('ok') }, { description: 'The process is alive.' });
export const ReadyStatus = Type.Object(
  { status: Type.Literal('ready'), checks: Type.Array(Type.String(), { description: 'The dependencies that answered.' }) },
  { description: 'Every dependency answered: send traffic here.' },
);

const NO_STORE = 'no-store';

/** The answer of one check: undefined when it answered, else why not (without the error's text). */
async function run(check: ReadinessCheck, timeoutMs: number, log: FastifyBaseLogger): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${check.name} did not answer within ${timeoutMs} ms`), timeoutMs);
  });
  const answer = Promise.resolve()
    .then(() => check.check())
    .then(
      () => undefined,
      (error: unknown) => {
        // The error stays in the operator's log: the answer is public.
        log.warn({ err: error, check: check.name }, 'readiness check failed');
        return `${check.name} failed`;
      },
    );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this process should get traffic: its checks, and whether it is shutting down. */
export class Readiness {
  private draining_ = false;

  constructor(
    private readonly checks: readonly ReadinessCheck[],
    private readonly timeoutMs = DEFAULT_READY_TIMEOUT_MS,
  ) {}

  /** True from the start of a graceful shutdown: `/v1/ready` answers 503 from then on. */
  get draining(): boolean {
    return this.draining_;
  }

  startDraining(): void {
    this.draining_ = true;
  }

  /** The names of the checks. */
  get names(): string[] {
    return this.checks.map((c) => c.name);
  }

  /** Why the process is not ready, one reason per failed check; empty when it is. */
  async problems(log: FastifyBaseLogger): Promise<string[]> {
    if (this.draining_) return ['the server is shutting down'];
    const answers = await Promise.all(this.checks.map((check) => run(check, this.timeoutMs, log)));
    return answers.filter((answer): answer is string => answer !== undefined);
  }
}

/** Registers `/v1/health` and `/v1/ready` (before the authenticated API scope: they take no token). */
export function registerHealth(app: FastifyInstance, readiness: Readiness): void {
  app.get(ROUTES.health, { schema: { response: { 200: HealthStatus } } }, async (_request, reply) => {
    reply.header('cache-control', NO_STORE);
    return { status: 'ok' as const };
  });
  app.get(ROUTES.ready, { schema: { response: { 200: ReadyStatus, 503: ErrorBody } } }, async (request, reply) => {
    reply.header('cache-control', NO_STORE);
    const problems = await readiness.problems(request.log);
    if (problems.length) throw new ApiError(503, 'not_ready', `not ready: ${problems.join('; ')}`);
    return { status: 'ready' as const, checks: readiness.names };
  });
}
