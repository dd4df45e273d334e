/**
 * PURE: the fees a dossier is charged, case by case, as the law sets them. A procedure lists its fees (phí, lệ phí);
 * each applies
 * - to every dossier, or only to one channel (`channel`: lệ phí đăng ký cư trú is lower online, Thông tư 75/2022/TT-BTC);
 * - once, or once per unit asked in an e-form field (`quantityField`: a copy of the Trích lục costs 8.000 đồng per copy,
 *   Thông tư 281/2016/TT-BTC, times the number of copies asked).
 * A fee of 0 is an exemption ("Miễn": on-time birth registration, Luật Hộ tịch Điều 11 k1 b).
 */

export type FeeRule = { name: string; amountVnd: number; note?: string; per?: 'case' | 'copy' | 'page'; quantityField?: string; channel?: 'online' | 'desk' };
export type FeeLine = { name: string; unitVnd: number; quantity: number; amountVnd: number; per: 'case' | 'copy' | 'page' };

function quantityOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : 0;
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 0;
}

/** The fees that apply to this case, each with its quantity; a per-unit fee asked 0 times is left out. */
export function feeLines(fees: FeeRule[], c: { eform: Record<string, unknown> | null; channel: 'online' | 'desk' }): FeeLine[] {
  return fees
    .filter((f) => !f.channel || f.channel === c.channel)
    .map((f) => {
      const quantity = f.quantityField ? quantityOf(c.eform?.[f.quantityField]) : 1;
      return { name: f.name, unitVnd: f.amountVnd, quantity, amountVnd: f.amountVnd * quantity, per: f.per ?? (f.quantityField ? 'copy' : 'case') };
    })
    .filter((l) => l.quantity > 0);
}

/** What the case costs in all. */
export function feeTotal(lines: FeeLine[]): number {
  return lines.reduce((s, l) => s + l.amountVnd, 0);
}

/**
 * The fee of the procedure's common case, shown on the catalogue card: the fees charged once (not per copy), online
 * when the procedure is offered online. 0 = exempt.
 */
export function baseFeeVnd(fees: FeeRule[], onlineLevel: 'none' | 'partial' | 'full'): number {
  const channel = onlineLevel === 'none' ? 'desk' : 'online';
  return fees.filter((f) => !f.quantityField && (!f.channel || f.channel === channel)).reduce((s, f) => s + f.amountVnd, 0);
}

/**
 * What the catalogue card and the procedure page's summary say a procedure costs: the fee charged once for the common
 * case (as baseFeeVnd: online when offered online; null when the procedure has no once-charged fee for that channel but
 * does charge per unit — then only the per-unit fees are shown), and each fee charged per copy or page, with its unit
 * amount (a copy of the Trích lục costs 8.000 đồng per copy, Thông tư 281/2016/TT-BTC).
 */
export function feeSummary(fees: FeeRule[], onlineLevel: 'none' | 'partial' | 'full'): { baseVnd: number | null; perUnit: { name: string; amountVnd: number; per: 'copy' | 'page' }[] } {
  const channel = onlineLevel === 'none' ? 'desk' : 'online';
  const applying = fees.filter((f) => !f.channel || f.channel === channel);
  const perUnit = applying
    .filter((f) => f.quantityField || f.per === 'copy' || f.per === 'page')
    .map((f) => ({ name: f.name, amountVnd: f.amountVnd, per: f.per === 'page' ? ('page' as const) : ('copy' as const) }));
  const once = applying.filter((f) => !(f.quantityField || f.per === 'copy' || f.per === 'page'));
  return { baseVnd: once.length === 0 && perUnit.length > 0 ? null : once.reduce((s, f) => s + f.amountVnd, 0), perUnit };
}
