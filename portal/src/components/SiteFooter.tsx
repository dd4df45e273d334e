import { useEffect, useState } from 'react';
import type { paths } from '../../../web/src/lib/api-schema.js';
import { api, unwrap } from '../lib/api-client.js';
import { t } from '../lib/i18n.js';
import { usePlace } from '../lib/place.js';
import { usePageUnitId } from '../lib/page-unit.js';
import { firstData, forgetFirstData } from '../lib/first-data.js';
import { Link } from '../lib/router.js';
import { st } from '../features/statistics/text.js';

const CONTACTS = '/api/units/contacts';

type Contacts = paths['/api/units/contacts']['get']['responses'][200]['content']['application/json'];

/**
 * The footer: the support line (server configuration, PORTAL_HOTLINE) and the contacts of the unit handling the
 * dossier the page shows, else of the citizen's commune or province as its information site publishes them (GET /api/units/contacts) — nothing here is written in the component.
 */
export function SiteFooter() {
  const place = usePlace();
  // A page about a dossier names the unit that handles it (lib/page-unit.ts); otherwise the citizen's place.
  const pageUnit = usePageUnitId();
  const unitId = pageUnit ?? place?.communeId ?? place?.provinceId;
  // Without a place, the support line came with the HTML (lib/first-data.ts).
  const [contacts, setContacts] = useState<Contacts | null>(() => (unitId ? null : (firstData<Contacts>(CONTACTS) ?? null)));
  useEffect(() => {
    let live = true;
    if (!unitId && firstData<Contacts>(CONTACTS)) return forgetFirstData(CONTACTS);
    unwrap(api.GET('/api/units/contacts', { params: { query: unitId ? { unitId } : {} } })).then(
      (c) => live && setContacts(c),
      () => live && setContacts(null),
    );
    return () => {
      live = false;
    };
  }, [unitId]);
  const u = contacts?.unit;
  return (
    <footer className="site-footer">
      <div className="container">
        <h2 className="footer-title">{t('contactsTitle')}</h2>
        {contacts ? (
          <p data-testid="hotline">
            {contacts.hotline.name}: <a href={`tel:${contacts.hotline.tel}`}>{contacts.hotline.phone}</a>
          </p>
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
        {u ? (
          <address className="footer-unit" data-testid="unit-contacts">
            <strong>{u.name}</strong>
            {u.address ? <span>{t('contactsAddress')}: {u.address}</span> : null}
            {u.phone ? (
              <span>
                {t('contactsPhone')}: <a href={`tel:${u.phone.replace(/[^0-9+]/g, '')}`}>{u.phone}</a>
              </span>
            ) : null}
            {u.feedbackPhone ? (
              <span>
                {t('contactsFeedbackPhone')}: <a href={`tel:${u.feedbackPhone.replace(/[^0-9+]/g, '')}`}>{u.feedbackPhone}</a>
              </span>
            ) : null}
            {u.email ? (
              <span>
                {t('contactsEmail')}: <a href={`mailto:${u.email}`}>{u.email}</a>
              </span>
            ) : null}
            <span>
              <a href={u.siteUrl}>{t('contactsSite')}</a>
            </span>
          </address>
        ) : null}
        <p>{t('footer')}</p>
        <p>
          <Link to="/thu-tuc/thong-ke">{st('footerLink')}</Link> · <a href="/trang">{t('unitSites')}</a> · <a href="/docs">{t('apiDocs')}</a>
        </p>
      </div>
    </footer>
  );
}
