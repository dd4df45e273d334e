import type { JobDefinition } from '../platform/jobs.js';
import { citizenJobs } from './citizens/citizen.jobs.js';
import { citizenStoreJobs } from './citizen-store/citizen-store.jobs.js';
import { dossierJobs } from './dossiers/dossier.jobs.js';
import { feedbackJobs } from './feedback/feedback.jobs.js';
import { identityJobs } from './identity/identity.jobs.js';
import { infoPortalJobs } from './info-portal/portal.jobs.js';
import { nationalPortalJobs } from './national-portal/national-portal.jobs.js';
import { outboxRetentionJobs } from './outbox-retention/outbox-retention.jobs.js';
import { notificationJobs } from './notifications/notification.jobs.js';
import { paymentJobs } from './payments/payment.jobs.js';
import { postalJobs } from './postal/postal.jobs.js';
import { procedureJobs } from './procedures/procedure.jobs.js';
import { reportJobs } from './reports/reports.jobs.js';
import { webhookJobs } from './webhooks/webhook.jobs.js';

/** Every module's background jobs and schedules, registered on pg-boss at start. */
export const allJobs: JobDefinition[] = [...identityJobs, ...notificationJobs, ...dossierJobs, ...paymentJobs, ...postalJobs, ...reportJobs, ...citizenJobs, ...infoPortalJobs, ...feedbackJobs, ...citizenStoreJobs, ...nationalPortalJobs, ...webhookJobs, ...outboxRetentionJobs, ...procedureJobs];
