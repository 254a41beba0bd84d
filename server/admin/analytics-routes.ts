/**
 * The analytics routes of the admin API (ROUTES.adminAnalyticsSelfHelp, adminAnalyticsLiveHelp):
 * a signed-in admin or supervisor reads their own tenant's views; tokens are refused (403). JSON
 * by default; `format=csv&table=<name>` answers one table as a CSV attachment.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AnalyticsQuery, LIVE_HELP_TABLES, LiveHelpAnalytics, SELF_HELP_TABLES, SelfHelpAnalytics } from '../../src/protocol/analytics.js';
import type * as Wire from '../../src/protocol/analytics.js';
import { ROUTES } from '../../src/protocol/routes.js';
import { requireStaff, type PrincipalRole } from '../auth.js';
import type { SearchLog } from '../search-log.js';
import type { StaffRole } from '../store/account-types.js';
import type { Store } from '../store/types.js';
import type { AdminActor } from './kit.js';
import {
  csvFileName,
  csvTable,
  liveHelpAnalytics,
  liveHelpCsv,
  selfHelpAnalytics,
  selfHelpCsv,
} from './analytics.js';

const STAFF = { roles: ['staff'] as PrincipalRole[] };
/** Who reads analytics. */
const READERS: readonly StaffRole[] = ['admin', 'supervisor'];

type Query = { Querystring: Wire.AnalyticsQuery };

function reader(request: FastifyRequest<Query>): [AdminActor, { tenantId: string; query: Wire.AnalyticsQuery }] {
  const staff = requireStaff(request.principal, READERS);
  return [{ kind: 'account', accountId: staff.accountId, tenantId: staff.tenantId }, { tenantId: staff.tenantId, query: request.query }];
}

function sendCsv(reply: FastifyReply, name: string, text: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(text);
}

export function registerAnalyticsRoutes(api: FastifyInstance, store: Store, searchLog: SearchLog) {
  const schema = (view: typeof SelfHelpAnalytics | typeof LiveHelpAnalytics) => ({ querystring: AnalyticsQuery, response: { 200: view } });

  api.get<Query>(ROUTES.adminAnalyticsSelfHelp, { config: STAFF, schema: schema(SelfHelpAnalytics) }, async (request, reply) => {
    const [actor, input] = reader(request);
    const table = input.query.format === 'csv' ? csvTable(SELF_HELP_TABLES, input.query.table) : undefined;
    // The searches this process answered and still holds are part of the view.
    await searchLog.flush();
    const view = await selfHelpAnalytics(store, actor, input);
    return table ? sendCsv(reply, csvFileName('self-help', table, view.days), selfHelpCsv(view, table)) : view;
  });

  api.get<Query>(ROUTES.adminAnalyticsLiveHelp, { config: STAFF, schema: schema(LiveHelpAnalytics) }, async (request, reply) => {
    const [actor, input] = reader(request);
    const table = input.query.format === 'csv' ? csvTable(LIVE_HELP_TABLES, input.query.table) : undefined;
    const view = await liveHelpAnalytics(store, actor, input);
    return table ? sendCsv(reply, csvFileName('live-help', table, view.days), liveHelpCsv(view, table)) : view;
  });
}
