import type { AppConfig } from '../../platform/config.js';
import { expiringLinkToken, expiringLinkValid } from '../../platform/signed-links.js';
import { DECLARATION_FILE_NAME, type DocumentLinks } from './national-portal.documents.rules.js';

/**
 * Download links the national portal fetches a dossier's files by (DuongDanTaiLieu, DuongDanTepTinKetQua): our address
 * (PUBLIC_URL), the dossier, the kind and the file's content hash, with an expiry and a signature under the one link
 * helper (platform/signed-links.ts, key RECEIPT_LINK_SECRET, purpose "national-file"). Only a link we made opens a file,
 * only the file it names, and only until it ends; a whole resend makes fresh ones.
 */
export type LinkConfig = Pick<AppConfig, 'receiptLinkSecret' | 'publicUrl'>;

const PURPOSE = 'national-file:v1';

/** Seven days: the portal fetches what it is sent within the day; a week covers an outage on its side. */
export const FILE_LINK_TTL_MS = 7 * 24 * 3600_000;

export type FileLinkKind = 'component' | 'result' | 'declaration';

/** The path the route serves (under /api). */
export const FILE_LINK_ROUTE = '/national-portal/files/:dossierId/:kind/:ref';

const subject = (dossierId: string, kind: FileLinkKind, ref: string) => `${dossierId}/${kind}/${ref}`;

export function signedFileLink(config: LinkConfig, now: Date, dossierId: string, kind: FileLinkKind, ref: string): string {
  const { exp, sig } = expiringLinkToken(config.receiptLinkSecret, PURPOSE, subject(dossierId, kind, ref), new Date(now.getTime() + FILE_LINK_TTL_MS));
  return `${config.publicUrl}/api/national-portal/files/${dossierId}/${kind}/${ref}?exp=${exp}&sig=${sig}`;
}

export function fileLinkValid(config: LinkConfig, now: Date, p: { dossierId: string; kind: FileLinkKind; ref: string; exp: string; sig: string }): boolean {
  return expiringLinkValid(config.receiptLinkSecret, PURPOSE, subject(p.dossierId, p.kind, p.ref), p.exp, p.sig, now);
}

/** The links of one dossier's files, as the record builder asks for them. */
export function dossierLinks(config: LinkConfig, now: Date, dossierId: string): DocumentLinks {
  return {
    file: (kind, sha256) => signedFileLink(config, now, dossierId, kind, sha256),
    declaration: () => signedFileLink(config, now, dossierId, 'declaration', DECLARATION_FILE_NAME),
  };
}
