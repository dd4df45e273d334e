/**
 * Who signs a unit's letters in the name of the competent agency (the apology letter of ND 61/2018 Điều 19 k9 is the
 * agency's, not the desk officer's): its head, or a deputy signing on the head's behalf ("KT." — ký thay, Nghị định
 * 30/2020/NĐ-CP Phụ lục I on the signing of administrative documents). Pure.
 */
export type Signatory = { fullName: string; headTitle: string; deputyTitle: string | null };

/** The capacity lines above the signature: "CHỦ TỊCH", or "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" for a deputy. */
export function signerCapacity(s: Pick<Signatory, 'headTitle' | 'deputyTitle'>): string[] {
  const head = s.headTitle.trim().toLocaleUpperCase('vi');
  return s.deputyTitle ? [`KT. ${head}`, s.deputyTitle.trim().toLocaleUpperCase('vi')] : [head];
}

/** When no signatory is set: the agency's head by title, name left for the hand signature. */
export const UNSET_SIGNER = { capacity: ['THỦ TRƯỞNG CƠ QUAN'], name: '(Ký, ghi rõ họ tên)' };
