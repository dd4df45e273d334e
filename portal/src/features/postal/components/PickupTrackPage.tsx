import { LookupPage } from '../../../components/LookupPage.js';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { trackPickup, type PickupTracking } from '../api/track-pickup.js';

/**
 * "Theo dõi yêu cầu bưu điện đến lấy hồ sơ": the confirmation code given after the request (?ma=… from the confirmation
 * page) and the phone or the last 4 CCCD digits (never in the URL). Shows what the post has done and, once the desk signed
 * the hand-over, the dossier's code with the way to track it.
 */
export function PickupTrackPage({ search }: { search: string }) {
  return (
    <LookupPage<PickupTracking>
      path="/thu-tuc/buu-chinh/tra-cuu"
      search={search}
      idPrefix="pk-"
      title={t('postalTrackTitle')}
      intro={t('postalTrackIntro')}
      codeLabel={t('postalTrackCode')}
      normalize={(code) => {
        const c = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
        return c.length === 8 ? c : null;
      }}
      missing={t('postalTrackMissing')}
      lookup={trackPickup}
    >
      {(result) => (
        <section className="detail track-result" aria-labelledby="pickup-code">
          <h2 id="pickup-code" className="track-code">
            {result.confirmationCode}
          </h2>
          <dl className="facts">
            <dt>{t('trackStatus')}</dt>
            <dd>
              <strong data-testid="pickup-status">{result.statusLabel}</strong>
            </dd>
            <dt>{t('trackProcedure')}</dt>
            <dd>{result.procedureName}</dd>
            <dt>{t('postalDesk')}</dt>
            <dd>{result.receivingUnitName}</dd>
            {result.dueAt && result.status === 'requested' ? (
              <>
                <dt>{t('postalPickupBy')}</dt>
                <dd>{formatDateTime(result.dueAt)}</dd>
              </>
            ) : null}
            {result.trackingCode ? (
              <>
                <dt>{t('postalTrackingCode')}</dt>
                <dd>{result.trackingCode}</dd>
              </>
            ) : null}
            {result.dossierCode ? (
              <>
                <dt>{t('postalTrackDossier')}</dt>
                <dd>
                  <strong>{result.dossierCode}</strong> —{' '}
                  <Link to={`/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(result.dossierCode)}`}>{t('postalTrackDossierLink')}</Link>
                </dd>
              </>
            ) : null}
          </dl>
          <div className="detail-section">
            <h3>{t('postalTrackSteps')}</h3>
            <ol className="timeline">
              {result.steps.map((s, i) => (
                <li key={`${s.at}-${i}`}>
                  <time dateTime={s.at}>{formatDateTime(s.at)}</time> <span>{s.label}</span>
                </li>
              ))}
            </ol>
          </div>
        </section>
      )}
    </LookupPage>
  );
}
