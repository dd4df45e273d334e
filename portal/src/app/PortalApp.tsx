import { lazy, Suspense } from 'react';
import { SiteFooter } from '../components/SiteFooter.js';
import { SiteHeader } from '../components/SiteHeader.js';
import { ProcedurePage } from '../features/procedures/components/ProcedurePage.js';
import { SearchPage } from '../features/procedures/components/SearchPage.js';
import { TrackingPage } from '../features/tracking/components/TrackingPage.js';
import { t } from '../lib/i18n.js';
import { useLocation } from '../lib/router.js';

/** The signed-in citizen's pages, loaded only when visited (the home page stays within its JavaScript budget). */
const CitizenArea = lazy(() => import('../features/citizen/CitizenArea.js').then((m) => ({ default: m.CitizenArea })));

/** The citizen portal: / (search), /thu-tuc/<id> (a procedure) and /thu-tuc/tra-cuu-ho-so (dossier status look-up). */
export function PortalApp() {
  const { pathname, search } = useLocation();
  // The server serves the portal only at / and /thu-tuc/*, so the look-up lives under /thu-tuc/ (the link printed on receipts).
  const tracking = /^\/thu-tuc\/tra-cuu-ho-so\/?$/.test(pathname);
  const citizen = /^\/cong-dan(\/|$)/.test(pathname);
  const m = tracking ? null : /^\/thu-tuc\/([^/]+)\/?$/.exec(pathname);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <SiteHeader />
      <main id="main" className="container" tabIndex={-1}>
        {citizen ? (
          <Suspense fallback={<p className="loading">{t('loading')}</p>}>
            <CitizenArea pathname={pathname} search={search} />
          </Suspense>
        ) : tracking ? <TrackingPage search={search} /> : m ? <ProcedurePage id={decodeURIComponent(m[1]!)} /> : <SearchPage search={search} />}
      </main>
      <SiteFooter />
    </>
  );
}
