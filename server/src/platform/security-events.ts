import client from 'prom-client';

/**
 * What an operator alerts on: a dossier code guessed at until its tracking is held, an account held after failed
 * sign-ins, a feedback number guessed at until it is held, a payment or postal notice with a bad signature. Counted per process; Prometheus sums the instances.
 * Registered into each app's registry by installMetrics (one counter, several registries in tests).
 */
export const securityEvents = new client.Counter({
  name: 'motcua_security_events_total',
  help: 'Security events an operator alerts on (tracking code held, sign-in held, bad callback signature)',
  labelNames: ['event'] as const,
  registers: [],
});

export type SecurityEvent = 'tracking_code_held' | 'feedback_code_held' | 'staff_sign_in_held' | 'citizen_sign_in_held' | 'payment_signature_refused' | 'postal_signature_refused';

export function countSecurityEvent(event: SecurityEvent): void {
  securityEvents.inc({ event });
}
