import type { SimulatorMessageKey } from './messages.simulators.vi.js';

/** English strings of the simulators' pages; every Vietnamese key must be here (checked by the type). */
export const simulatorsEn: Record<SimulatorMessageKey, string> = {
  'sim.badge': 'Simulator — for trying the system out only, not the real service.',
  'sim.idp.dvcqg': 'National Public Service Portal',
  'sim.idp.vneid': 'VNeID electronic identity',
  'sim.login.title': 'Sign in',
  'sim.login.intro': 'Sign in to use the services of {client}.',
  'sim.login.login': 'User name or personal identification number (CCCD)',
  'sim.login.password': 'Password',
  'sim.login.submit': 'Sign in',
  'sim.login.hint': 'Citizens: a 12-digit CCCD the simulated population data holds. Officers: dvcqg.<user name>. Any password.',
  'sim.login.missing': 'Enter a user name or a personal identification number.',
  'sim.consent.title': 'Share your information',
  'sim.consent.intro': '{client} asks to receive this information about you:',
  'sim.consent.claims': 'Full name, date of birth, sex, personal identification number (CCCD)',
  'sim.consent.allow': 'Allow',
  'sim.consent.deny': 'Do not allow, go back',
  'sim.error.title': 'The sign-in request could not be completed',
  'sim.error.intro': 'The request is invalid or has expired. Go back to the service and start signing in again.',
  'sim.error.code': 'Error code',
  'sim.error.expired': 'The sign-in session has expired or does not exist. Start again from the service.',
  'sim.logout.title': 'Sign out',
  'sim.logout.question': 'Do you want to sign out of {host}?',
  'sim.logout.yes': 'Sign out',
  'sim.logout.no': 'No, stay signed in',
  'sim.logout.done': 'You have signed out.',
};
