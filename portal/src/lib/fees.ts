import { feeSummary, type FeeRule } from '../../../server/src/modules/procedures/fee.rules.js';
import { formatVnd } from './format.js';
import { t } from './i18n.js';

/**
 * The one way the portal writes a procedure's fees, for the catalogue card and the procedure page alike: what the
 * rule (fee.rules.ts feeSummary) charges for the common case, then each fee per copy or page with its unit amount —
 * "Miễn phí; bản sao 8.000 ₫/bản" for an on-time birth registration (Luật Hộ tịch Điều 11 k1 b; Thông tư 281/2016).
 */
export function feeSummaryText(fees: FeeRule[], onlineLevel: 'none' | 'partial' | 'full'): string {
  const s = feeSummary(fees, onlineLevel);
  const parts = s.baseVnd === null ? [] : [s.baseVnd > 0 ? formatVnd(s.baseVnd) : t('exemptFee')];
  for (const f of s.perUnit) parts.push(f.amountVnd > 0 ? t(`perUnit.${f.per}`, { amount: formatVnd(f.amountVnd) }) : t('exemptFee'));
  return parts.join('; ');
}

/** One fee as the procedure page lists it: "8.000 ₫/bản", "10.000 ₫", or "Miễn". */
export function feeRateText(f: FeeRule): string {
  return f.amountVnd > 0 ? `${formatVnd(f.amountVnd)}${t(`per.${f.per ?? (f.quantityField ? 'copy' : 'case')}`)}` : t('exempt');
}
