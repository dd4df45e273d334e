import { feeSummaryText } from '../../../lib/fees.js';
import { processingTimeText, t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import type { CatalogItem } from '../api/search-catalog.js';

/** One search result: name (link), code, field, level, agency, time, fees, online level and postal service. */
export function ProcedureCard({ item }: { item: CatalogItem }) {
  return (
    <article className="card">
      <h3 className="card-title">
        <Link to={`/thu-tuc/${item.id}`}>{item.name}</Link>
      </h3>
      <p className="card-meta">
        <span>
          {t('code')}: <strong>{item.code}</strong>
        </span>
        <span>{item.field}</span>
        <span>{t(`level.${item.level}`)}</span>
      </p>
      <p className="card-agency">
        {item.agency}
        {/* Grouped by code (no province chosen): how many provinces publish it, not one of their names. */}
        {item.publishedBy !== null && item.publishedBy > 1 ? (
          <span className="muted"> — {t('publishedBy', { n: item.publishedBy })}</span>
        ) : item.ownerUnitName && item.ownerUnitName !== item.agency ? (
          <span className="muted"> — {item.ownerUnitName}</span>
        ) : null}
      </p>
      <ul className="badges" aria-label={t('general')}>
        <li className={`badge online-${item.onlineLevel}`}>{t(`online.${item.onlineLevel}`)}</li>
        <li className="badge">{processingTimeText({ amount: item.processingTime.amount, unit: item.processingTime.unit })}</li>
        <li className="badge">{t('feeLabel')}: {feeSummaryText(item.fees, item.onlineLevel)}</li>
        {item.postalIntake ? <li className="badge">{t('postalIntakeShort')}</li> : null}
        {item.postalReturn ? <li className="badge">{t('postalReturnShort')}</li> : null}
      </ul>
    </article>
  );
}
