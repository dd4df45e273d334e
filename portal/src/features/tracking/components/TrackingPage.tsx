import type { ReactNode } from 'react';
import { LookupPage } from '../../../components/LookupPage.js';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { trackDossier, type Tracking } from '../api/track-dossier.js';
import { PageUnit } from '../../../lib/page-unit.js';

/**
 * Tra cứu hồ sơ: a citizen looks up a dossier by its code and a secret only they know. The code may come in the URL
 * (?ma=…, the link printed on the receipt and sent in notices); the secret never goes into the URL.
 */
export function TrackingPage({ search, renderExtras }: { search: string; renderExtras?: (r: { code: string; secret: string; status: string }) => ReactNode }) {
  return (
    <LookupPage<Tracking>
      path="/thu-tuc/tra-cuu-ho-so"
      search={search}
      idPrefix=""
      title={t('trackTitle')}
      intro={t('trackIntro')}
      codeLabel={t('trackCode')}
      codeHint={t('trackCodeHint')}
      normalize={(code) => {
        const c = code.trim().toUpperCase();
        return c.length < 10 ? null : c;
      }}
      missing={t('trackMissing')}
      lookup={trackDossier}
    >
      {(result, shownSecret) => (
        <section className="detail track-result" aria-labelledby="track-code">
          <PageUnit unitId={result.handlingUnitId} />
          <h2 id="track-code" className="track-code">
            {result.code}
          </h2>
          <dl className="facts">
            <dt>{t('trackStatus')}</dt>
            <dd>
              <strong className={`status status-${result.status}`}>{result.statusLabel}</strong>
            </dd>
            <dt>{t('trackProcedure')}</dt>
            <dd>{result.procedureName}</dd>
            <dt>{t('trackReceived')}</dt>
            <dd>{result.receivedAt ? formatDateTime(result.receivedAt) : t('trackNotReceived')}</dd>
            <dt>{t('trackDue')}</dt>
            <dd>
              {result.dueAt ? formatDateTime(result.dueAt) : t('trackDueAfterReceipt')}
              {result.overdue ? <strong className="status status-overdue"> {t('trackOverdue')}</strong> : null}
            </dd>
            {result.shipment ? (
              <>
                <dt>{t('postalShipment')}</dt>
                <dd>
                  {t(`shipment.${result.shipment.status as 'created'}`)}
                  {result.shipment.trackingCode ? ` — ${t('postalTrackingCode')}: ${result.shipment.trackingCode}` : ''}
                </dd>
              </>
            ) : null}
            {result.returnedAt ? (
              <>
                <dt>{t('trackReturned')}</dt>
                <dd>{formatDateTime(result.returnedAt)}</dd>
              </>
            ) : null}
          </dl>
          <div className="detail-section">
            <h3>{t('trackTimeline')}</h3>
            <ol className="timeline">
              {result.timeline.map((e, i) => (
                <li key={`${e.at}-${i}`}>
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{e.label}</span>
                </li>
              ))}
            </ol>
          </div>
          {renderExtras?.({ code: result.code, secret: shownSecret, status: result.status })}
        </section>
      )}
    </LookupPage>
  );
}
