import { phoneSignificantPart } from '../applicants/phone.rules.js';

/**
 * What an officer typed in the queue's search box, read as one of three searches, each answered by its own index:
 * - a number (CCCD, CMND, tax code, phone): exact match on the applicant's identity number or phone;
 * - a dossier code, or its beginning (`000.00.71.H20-2612…`, `H20.71-261203-00…`): prefix of the code;
 * - anything else: the beginning of the applicant's name without accents ("nguyen van a" finds "Nguyễn Văn An").
 */
export type DossierSearch = { kind: 'number'; value: string; alternative: string; phone: string } | { kind: 'code'; prefix: string } | { kind: 'name'; prefix: string };

export function classifySearch(input: string): DossierSearch | null {
  const text = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const compact = text.replace(/[\s.]/g, '');
  // Digits only, maybe a leading + (phone) or a branch suffix (tax code 0101234567-001): an identity or phone number.
  if (/^\+?\d{6,}(-\d{3})?$/.test(compact) && !/[A-Za-z]/.test(text) && !/^\d{3}\.\d{2}\./.test(text)) return numberSearch(compact.replace(/^\+/, ''));
  // Codes have no spaces and are made of unit-code characters, dashes and digits.
  if (/^[0-9A-Za-z.-]+$/.test(text) && /\d/.test(text)) return { kind: 'code', prefix: text.toUpperCase() };
  return { kind: 'name', prefix: text };
}

/**
 * A dependent unit's tax code is stored as `XXXXXXXXXX-YYY` (applicant-id.rules.ts) but often typed without its dash,
 * and dossiers received before numbers were stored in one form may hold the 13 digits as typed: the search looks for
 * both forms. Any other number has one form (`alternative` repeats it).
 */
function numberSearch(value: string): DossierSearch {
  // As a phone, in its national form (phone.rules.ts): "+84 28 3812 3456" is the landline 028 3812 3456.
  const significant = phoneSignificantPart(value);
  const phone = significant === null ? value : `0${significant}`;
  const branch = /^(\d{10})-?(\d{3})$/.exec(value);
  if (!branch) return { kind: 'number', value, alternative: value, phone };
  return { kind: 'number', value: `${branch[1]!}-${branch[2]!}`, alternative: `${branch[1]!}${branch[2]!}`, phone };
}

/**
 * What a scanner (or a pasted link) typed into the console's search box, when it designates one dossier:
 * - the receipt's QR code, the tracking link `…/tra-cuu-ho-so?ma=<code>` (dossier.notify.ts trackingUrl); before a code
 *   is given the link carries the dossier's identifier instead;
 * - a barcode or a typed full dossier code (`000.00.71.H20-261203-0001`, `H20.71-261203-0001`).
 * Anything else (a name, a number, the beginning of a code) is an ordinary search: null.
 */
export type DeskScan = { kind: 'id'; id: string } | { kind: 'code'; code: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A complete code: a dash, six digits of date, a dash and the day's sequence at the end (both formats). */
const FULL_CODE = /^[0-9A-Z.]+-\d{6}-\d{4,6}$/;

export function readDeskScan(input: string): DeskScan | null {
  const text = input.normalize('NFC').trim();
  const link = /[?&]ma=([^&#\s]+)/i.exec(text);
  let value = text;
  if (link) {
    try {
      value = decodeURIComponent(link[1]!.replace(/\+/g, ' ')).trim();
    } catch {
      return null;
    }
    if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
  }
  const code = value.toUpperCase().replace(/\s+/g, '');
  return FULL_CODE.test(code) ? { kind: 'code', code } : null;
}
