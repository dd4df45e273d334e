import { t } from '../lib/i18n.js';
import { Link } from '../lib/router.js';

/** `kiosk`: the rating tablet at the desk shows no navigation away from the rating screen. */
export function SiteHeader({ kiosk = false }: { kiosk?: boolean }) {
  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ★
          </span>
          <span className="brand-text">
            <span className="brand-name">{t('site')}</span>
            <span className="brand-sub">{t('siteSub')}</span>
          </span>
        </Link>
        {kiosk ? null : (
          <nav aria-label="Liên kết" className="header-nav">
            <Link to="/thu-tuc/buu-chinh" className="track-link">
              {t('postalNav')}
            </Link>
            <Link to="/thu-tuc/tra-cuu-ho-so" className="track-link">
              {t('trackNav')}
            </Link>
            <Link to="/phan-anh" className="track-link">
              {t('feedbackNav')}
            </Link>
            <Link to="/hoi-dap" className="track-link">
              {t('qaNav')}
            </Link>
            <Link to="/cong-dan/ho-so" className="track-link">
              {t('citizenNav')}
            </Link>
            <a className="staff-link" href="/console">
              {t('staffLogin')}
            </a>
          </nav>
        )}
      </div>
    </header>
  );
}
