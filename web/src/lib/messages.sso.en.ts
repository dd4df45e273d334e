import type { ssoVi } from './messages.sso.vi.js';

/** English strings of the officers' single sign-on links with the national portal. */
export const ssoEn: Record<keyof typeof ssoVi, string> = {
  'nav.staffLinks': 'National portal sign-in',
  'home.staffLinks': 'Link officers’ accounts to their national public-service portal identity for single sign-on.',
  'ssoLinks.title': 'Accounts linked to the national public-service portal',
  'ssoLinks.intro': 'A linked officer can sign in to the one-stop console with their national portal account. You can link only officers of the units you administer; every link and revocation is audited.',
  'ssoLinks.formTitle': 'Link an account',
  'ssoLinks.officer': 'Officer',
  'ssoLinks.officerPlaceholder': 'Type a name or username to search',
  'ssoLinks.officerRequired': 'Choose the officer to link',
  'ssoLinks.subject': 'National portal identity',
  'ssoLinks.subjectHint': 'The identifier (sub) of the officer’s account on the national portal, without spaces.',
  'ssoLinks.subjectRequired': 'Enter the national portal identity',
  'ssoLinks.subjectSpaces': 'The identity contains no spaces',
  'ssoLinks.link': 'Link account',
  'ssoLinks.linked': 'Linked {name} to the identity {subject}.',
  'ssoLinks.listTitle': 'Linked accounts',
  'ssoLinks.empty': 'No officer is linked yet.',
  'ssoLinks.unit': 'Unit',
  'ssoLinks.linkedAt': 'Linked at',
  'ssoLinks.linkedBy': 'Linked by',
  'ssoLinks.revoke': 'Revoke',
  'ssoLinks.revokeConfirm': 'Revoke the link of {name}? The identity {subject} will no longer sign in to the console.',
  'ssoLinks.revoked': 'Revoked the link of {name}.',
};
