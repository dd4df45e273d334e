import { SiteFooter } from '../components/SiteFooter.js';
import { SiteHeader } from '../components/SiteHeader.js';
import { ProcedurePage } from '../features/procedures/components/ProcedurePage.js';
import { SearchPage } from '../features/procedures/components/SearchPage.js';
import { t } from '../lib/i18n.js';
import { useLocation } from '../lib/router.js';

/** The citizen portal: / (search) and /thu-tuc/<id> (a procedure). */
export function PortalApp() {
  const { pathname, search } = useLocation();
  const m = /^\/thu-tuc\/([^/]+)\/?$/.exec(pathname);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <SiteHeader />
      <main id="main" className="container" tabIndex={-1}>
        {m ? <ProcedurePage id={decodeURIComponent(m[1]!)} /> : <SearchPage search={search} />}
      </main>
      <SiteFooter />
    </>
  );
}
