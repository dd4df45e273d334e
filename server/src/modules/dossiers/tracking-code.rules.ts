/**
 * PURE: what a citizen may type (or scan) to find their dossier.
 *
 * - The dossier code as printed (`000.00.71.H20-261203-0001`), with or without its dots, dashes and spaces, in any
 *   case: only letters and digits count.
 * - The link of the receipt's QR code (`…/thu-tuc/tra-cuu-ho-so?ma=<code>`), pasted or read by a scanner.
 * - Before the desk accepts an online dossier it has no code yet (ND 61/2018 Điều 26: the code is given at receipt), so
 *   the portal gives a submission reference at once, `NOP-XXXXX-XXXXX`, from the dossier's random identifier; it keeps
 *   working after the code is given.
 */

const REFERENCE_PREFIX = 'NOP';

/** The submission reference of a dossier: NOP and the first ten hex digits of its (random, v4) identifier. */
export function submissionReference(dossierId: string): string {
  const hex = dossierId.replace(/-/g, '').toUpperCase();
  return `${REFERENCE_PREFIX}-${hex.slice(0, 5)}-${hex.slice(5, 10)}`;
}

/** How the citizen knows the dossier: its code once the desk gave one, else the submission reference (NOP-…). */
export function dossierReference(d: { id: string; code: string | null }): string {
  return d.code ?? submissionReference(d.id);
}

/** Letters and digits only, upper case: the form codes are compared in. */
export function compactCode(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export type TrackingKey = { kind: 'reference'; idPrefix: string } | { kind: 'code'; compact: string };

/**
 * What the typed or scanned text designates: a submission reference (as the `xxxxxxxx-xx` start of the identifier) or
 * a dossier code (compacted); null when nothing usable is left.
 */
export function parseTrackingInput(input: string): TrackingKey | null {
  let s = input.trim();
  // A scanned or pasted QR link: its `ma` parameter is the code.
  const link = /[?&]ma=([^&#\s]+)/i.exec(s);
  if (link) s = decodeURIComponent(link[1]!.replace(/\+/g, ' '));
  const compact = compactCode(s);
  if (compact.length < 4 || compact.length > 60) return null;
  const ref = new RegExp(`^${REFERENCE_PREFIX}([0-9A-F]{10})$`).exec(compact);
  if (ref) {
    const hex = ref[1]!.toLowerCase();
    return { kind: 'reference', idPrefix: `${hex.slice(0, 8)}-${hex.slice(8, 10)}` };
  }
  return { kind: 'code', compact };
}
