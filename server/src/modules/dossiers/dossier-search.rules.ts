/**
 * What an officer typed in the queue's search box, read as one of three searches, each answered by its own index:
 * - a number (CCCD, CMND, tax code, phone): exact match on the applicant's identity number or phone;
 * - a dossier code, or its beginning (`000.00.71.H20-2612…`, `H20.71-261203-00…`): prefix of the code;
 * - anything else: the beginning of the applicant's name without accents ("nguyen van a" finds "Nguyễn Văn An").
 */
export type DossierSearch = { kind: 'number'; value: string } | { kind: 'code'; prefix: string } | { kind: 'name'; prefix: string };

export function classifySearch(input: string): DossierSearch | null {
  const text = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const compact = text.replace(/[\s.]/g, '');
  // Digits only, maybe a leading + (phone) or a branch suffix (tax code 0101234567-001): an identity or phone number.
  if (/^\+?\d{6,}(-\d{3})?$/.test(compact) && !/[A-Za-z]/.test(text) && !/^\d{3}\.\d{2}\./.test(text)) return { kind: 'number', value: compact.replace(/^\+/, '') };
  // Codes have no spaces and are made of unit-code characters, dashes and digits.
  if (/^[0-9A-Za-z.-]+$/.test(text) && /\d/.test(text)) return { kind: 'code', prefix: text.toUpperCase() };
  return { kind: 'name', prefix: text };
}
