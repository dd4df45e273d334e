/**
 * Who signs a unit's letters in the name of the competent agency (the apology letter of ND 61/2018 Điều 19 k9 is the
 * agency's, not the desk officer's): its head, or a deputy signing on the head's behalf ("KT." — ký thay, Nghị định
 * 30/2020/NĐ-CP Phụ lục I on the signing of administrative documents). Pure.
 */
export type SignerKind = 'head' | 'deputy';

/** One person who may sign for the unit, with the days (inclusive, YYYY-MM-DD) they may sign; validTo null: until changed. */
export type Signer = {
  id: string;
  kind: SignerKind;
  fullName: string;
  /** The signer's own title: "Chủ tịch", "Phó Chủ tịch". */
  title: string;
  /** The head's title, printed after "KT." when a deputy signs (the head's own title for a head). */
  headTitle: string;
  validFrom: string;
  validTo: string | null;
};

/** The capacity lines above the signature: "CHỦ TỊCH", or "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" for a deputy. */
export function signerCapacity(s: Pick<Signer, 'kind' | 'title' | 'headTitle'>): string[] {
  const up = (x: string) => x.trim().toLocaleUpperCase('vi');
  return s.kind === 'deputy' ? [`KT. ${up(s.headTitle)}`, up(s.title)] : [up(s.headTitle)];
}

const covers = (s: Pick<Signer, 'validFrom' | 'validTo'>, day: string) => s.validFrom <= day && (s.validTo === null || s.validTo >= day);

/**
 * The signer of a letter issued on `day`: a deputy whose authorisation covers the day (the head delegated the signature
 * for that period), else the head in office that day; the latest start wins among several. Null when nobody is set.
 */
export function signerOn<S extends Pick<Signer, 'kind' | 'validFrom' | 'validTo'>>(signers: readonly S[], day: string): S | null {
  const valid = signers.filter((s) => covers(s, day)).sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
  return valid.find((s) => s.kind === 'deputy') ?? valid.find((s) => s.kind === 'head') ?? null;
}

/** Two heads may not be in office on the same day (a deputy's authorisation may overlap the head's term). */
export function overlappingHead(signers: readonly Pick<Signer, 'id' | 'kind' | 'validFrom' | 'validTo'>[], s: Pick<Signer, 'id' | 'kind' | 'validFrom' | 'validTo'>): boolean {
  if (s.kind !== 'head') return false;
  const end = (x: { validTo: string | null }) => x.validTo ?? '9999-12-31';
  return signers.some((o) => o.id !== s.id && o.kind === 'head' && o.validFrom <= end(s) && s.validFrom <= end(o));
}

/**
 * What letters issued before signers were required carry when none was set (the head by title, no name). A letter is
 * no longer issued so: without a signer it is refused (`unitErrors.noSigner`); this only recognises the old entries.
 */
export const UNSET_SIGNER = { capacity: ['THỦ TRƯỞNG CƠ QUAN'], name: '(Ký, ghi rõ họ tên)' };
