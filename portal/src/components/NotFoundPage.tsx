import { useEffect } from 'react';
import { t } from '../lib/i18n.js';
import { Link } from '../lib/router.js';

/** An address the portal does not know: said in Vietnamese, with the ways on (the server answers 404 with this page). */
export function NotFoundPage() {
  useEffect(() => {
    document.title = `${t('notFoundTitle')} — ${t('site')}`;
  }, []);
  return (
    <section className="hero" aria-labelledby="nf-title">
      <h1 id="nf-title">{t('notFoundTitle')}</h1>
      <p>{t('notFoundText')}</p>
      <ul className="plain">
        <li><Link to="/">{t('notFoundHome')}</Link></li>
        <li><Link to="/thu-tuc/tra-cuu-ho-so">{t('trackNav')}</Link></li>
        <li><Link to="/cong-dan/ho-so">{t('citizenNav')}</Link></li>
      </ul>
    </section>
  );
}
