import type { citizensVi } from './messages.citizens.vi.js';

/** English strings of the desk's identity check and the sign-in code. */
export const citizensEn: Record<keyof typeof citizensVi, string> = {
  'nav.verifyId': 'Check ID cards',
  'verifyId.title': "Verify a citizen account's CCCD",
  'verifyId.intro': 'Citizens who register with a phone only claim a CCCD number; it links no dossier until an officer checks the card. Enter the number on the card, compare name and birth date, then confirm.',
  'verifyId.idNumber': 'CCCD number on the card (12 digits)',
  'verifyId.search': 'Find accounts',
  'verifyId.desk': 'One-stop desk',
  'verifyId.none': 'No account claims this CCCD.',
  'verifyId.fullName': 'Full name',
  'verifyId.birthDate': 'Birth date',
  'verifyId.contact': 'Contact',
  'verifyId.createdAt': 'Registered',
  'verifyId.status': 'Status',
  'verifyId.verifiedOidc': 'Verified by VNeID',
  'verifyId.verifiedDesk': 'Card checked',
  'verifyId.unverified': 'Not verified',
  'verifyId.confirm': 'Card checked: verify',
  'verifyId.confirmTitle': "Confirm you checked {name}'s ID card?",
  'verifyId.done': 'CCCD verified for {name}.',
  'login.code': 'One-time code (6 digits)',
  'login.sendCode': 'Send a code to my phone / e-mail',
  'login.codeSent': 'If the account has a phone or e-mail, a code was sent to it; it is valid for {minutes} minutes. Enter it with your password. An account without phone or e-mail gets no code: ask your unit administrator to unlock it.',
};
