import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.js';
import { auditRoutes } from './audit/audit.routes.js';
import { citizenAuthRoutes } from './citizens/citizen-auth.routes.js';
import { citizenRoutes } from './citizens/citizen.routes.js';
import { citizenAccountRoutes } from './citizens/citizen-accounts.routes.js';
import { dossierRoutes } from './dossiers/dossier.routes.js';
import { paymentRoutes } from './payments/payment.routes.js';
import { satisfactionRoutes } from './satisfaction/satisfaction.routes.js';
import { dossierOnlineRoutes } from './dossiers/dossier-online.routes.js';
import { identityRoutes } from './identity/identity.routes.js';
import { unitRoutes } from './org-units/unit.routes.js';
import { postalRoutes } from './postal/postal.routes.js';
import { procedureRoutes } from './procedures/procedure.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { ruleSetRoutes } from './rule-sets/rule-set.routes.js';
import { calendarRoutes } from './working-calendar/calendar.routes.js';

/** Every module's HTTP routes, mounted under /api. */
export const apiRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(identityRoutes, { ctx });
  await app.register(unitRoutes, { ctx });
  await app.register(procedureRoutes, { ctx });
  await app.register(ruleSetRoutes, { ctx });
  await app.register(calendarRoutes, { ctx });
  await app.register(auditRoutes, { ctx });
  await app.register(dossierRoutes, { ctx });
  await app.register(paymentRoutes, { ctx });
  await app.register(satisfactionRoutes, { ctx });
  await app.register(postalRoutes, { ctx });
  await app.register(reportRoutes, { ctx });
  await app.register(dossierOnlineRoutes, { ctx });
  await app.register(citizenAuthRoutes, { ctx });
  await app.register(citizenRoutes, { ctx });
  await app.register(citizenAccountRoutes, { ctx });
};
