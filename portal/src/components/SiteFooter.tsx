import { t } from '../lib/i18n.js';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t('footer')}</p>
        <p>
          <a href={`tel:${t('hotlineTel')}`}>{t('hotline')}</a>
        </p>
        <p>
          <a href="/trang">{t('unitSites')}</a> · <a href="/docs">{t('apiDocs')}</a>
        </p>
      </div>
    </footer>
  );
}
