import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { getMe } from '../features/citizen/api.js';
import { t } from '../lib/i18n.js';
import { whenIdle } from '../lib/idle.js';
import { Link, useLocation } from '../lib/router.js';

/**
 * The portal's header, the same on every page: a signed-in citizen sees their name (a link to their dossiers) on the
 * home page, procedures, tracking and information pages alike, not only in their own area; asked again on each page
 * change, so signing in or out shows at once. `kiosk`: the rating tablet at the desk shows no navigation away from the
 * rating screen, and no one's name.
 */
export function SiteHeader({ kiosk = false }: { kiosk?: boolean }) {
  const { pathname } = useLocation();
  const asCitizen = !kiosk;
  const [citizenName, setCitizenName] = useState<string | null>(null);
  // On a phone the links sit behind a menu button (the header stays one line, ≤ 64 px); from 561 px they are shown.
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [pathname]);
  const closeOnEscape = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Escape' || !open) return;
    setOpen(false);
    menuButton.current?.focus();
  };
  useEffect(() => {
    if (!asCitizen) return;
    let live = true;
    // The name is not part of the first screen (a visitor has none): asked when the phone is idle, not inside hydration.
    const cancel = whenIdle(() =>
      getMe()
        .then((me) => live && setCitizenName(me?.fullName ?? null))
        .catch(() => live && setCitizenName(null)),
    );
    return () => {
      live = false;
      cancel();
    };
  }, [asCitizen, pathname]);
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
          <button ref={menuButton} type="button" className="menu-button" aria-expanded={open} aria-controls="site-menu" onClick={() => setOpen((o) => !o)} onKeyDown={closeOnEscape}>
            <span aria-hidden="true">{open ? '✕' : '☰'}</span> {t('menu')}
          </button>
        )}
        {kiosk ? null : (
          <nav id="site-menu" aria-label="Liên kết" className={open ? 'header-nav open' : 'header-nav'} onKeyDown={closeOnEscape}>
            <Link to="/thu-tuc/buu-chinh" className="track-link">
              {t('postalNav')}
            </Link>
            <Link to="/thu-tuc/tra-cuu-ho-so" className="track-link">
              {t('trackNav')}
            </Link>
            <Link to="/thu-tuc/thong-ke" className="track-link">
              {t('statsNav')}
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
            {asCitizen && citizenName ? (
              <Link to="/cong-dan/ho-so" className="staff-link" data-testid="citizen-signed-in">
                {`${t('citizenSignedIn')}: ${citizenName}`}
              </Link>
            ) : (
              <a className="staff-link" href="/console">
                {t('staffLogin')}
              </a>
            )}
          </nav>
        )}
      </div>
    </header>
  );
}
