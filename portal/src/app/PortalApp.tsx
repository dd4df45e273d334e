import { lazy, Suspense } from 'react';
import { SiteFooter } from '../components/SiteFooter.js';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { SiteHeader } from '../components/SiteHeader.js';
import { Skeleton } from '../components/Skeleton.js';
import { ProcedurePage } from '../features/procedures/components/ProcedurePage.js';
import { SearchPage } from '../features/procedures/components/SearchPage.js';
import { TrackingPage } from '../features/tracking/components/TrackingPage.js';
import { FeePanel } from '../features/payments/components/FeePanel.js';
import { RateLink } from '../features/satisfaction/components/RateLink.js';
import { t } from '../lib/i18n.js';
import { Link, useLocation } from '../lib/router.js';

// Pages reached from a tracking result load on demand, keeping the first load light.
const PaymentPage = lazy(() => import('../features/payments/components/PaymentPage.js').then((m) => ({ default: m.PaymentPage })));
const PaymentResultPage = lazy(() => import('../features/payments/components/PaymentResultPage.js').then((m) => ({ default: m.PaymentResultPage })));
const RatePage = lazy(() => import('../features/satisfaction/components/RatePage.js').then((m) => ({ default: m.RatePage })));
const PostalListPage = lazy(() => import('../features/postal/components/PostalListPage.js').then((m) => ({ default: m.PostalListPage })));
const PickupTrackPage = lazy(() => import('../features/postal/components/PickupTrackPage.js').then((m) => ({ default: m.PickupTrackPage })));
const PickupRequestPage = lazy(() => import('../features/postal/components/PickupRequestPage.js').then((m) => ({ default: m.PickupRequestPage })));
const OwnRating = lazy(() => import('../features/satisfaction/components/OwnRating.js').then((m) => ({ default: m.OwnRating })));
const StatisticsPage = lazy(() => import('../features/statistics/components/StatisticsPage.js').then((m) => ({ default: m.StatisticsPage })));
const KioskPage = lazy(() => import('../features/satisfaction/components/KioskPage.js').then((m) => ({ default: m.KioskPage })));

const FeedbackArea = lazy(() => import('../features/feedback/components/FeedbackArea.js').then((m) => ({ default: m.FeedbackArea })));

/** The signed-in citizen's pages, loaded only when visited (the home page stays within its JavaScript budget). */
const CitizenArea = lazy(() => import('../features/citizen/CitizenArea.js').then((m) => ({ default: m.CitizenArea })));

/** Under a dossier (tracking result or the citizen's own): its fee with the way to pay it, and the way to rate it. */
const paymentAndRating = (r: { code: string; secret: string; status: string; own?: { dossierId: string; headers: () => Record<string, string> } }) => (
  <>
    <FeePanel code={r.code} secret={r.secret} />
    {/* The signed-in citizen rates in place, from their own dossier; a visitor with the code goes to the rating page. */}
    {r.own ? (
      <Suspense fallback={null}>
        <OwnRating dossierId={r.own.dossierId} headers={r.own.headers} />
      </Suspense>
    ) : <RateLink code={r.code} secret={r.secret} status={r.status} />}
    <p>
      <Link to={`/phan-anh?ho-so=${encodeURIComponent(r.code)}`}>{t('feedbackAboutDossier')}</Link>
    </p>
  </>
);

/**
 * The citizen portal: / (search), /thu-tuc/<id> (a procedure), /thu-tuc/tra-cuu-ho-so (dossier status look-up),
 * /thanh-toan (pay a fee) and /thanh-toan/ket-qua (its result), /danh-gia (rate a dossier) and /danh-gia/kiosk (desk tablet),
 * /thu-tuc/buu-chinh (postal intake list, pickup request /yeu-cau and its tracking /tra-cuu), /thu-tuc/thong-ke (figures of the
 * citizen's place), /cong-dan/* (the signed-in citizen's area).
 */
export function PortalApp() {
  const { pathname, search } = useLocation();
  // The server serves the portal only at its known paths, so the look-up lives under /thu-tuc/ (the link printed on receipts).
  const tracking = /^\/thu-tuc\/tra-cuu-ho-so\/?$/.test(pathname);
  const citizen = /^\/cong-dan(\/|$)/.test(pathname);
  const postalList = /^\/thu-tuc\/buu-chinh\/?$/.test(pathname);
  const pickup = /^\/thu-tuc\/buu-chinh\/yeu-cau\/?$/.test(pathname);
  const pickupTrack = /^\/thu-tuc\/buu-chinh\/tra-cuu\/?$/.test(pathname);
  const statistics = /^\/thu-tuc\/thong-ke\/?$/.test(pathname);
  const m = tracking || postalList || pickup || pickupTrack || statistics ? null : /^\/thu-tuc\/([^/]+)\/?$/.exec(pathname);
  const page = (() => {
    if (tracking)
      return (
        <TrackingPage
          search={search}
          renderExtras={paymentAndRating}
        />
      );
    if (/^\/(phan-anh(\/.*)?|hoi-dap\/?)$/.test(pathname)) return <FeedbackArea pathname={pathname} search={search} />;
    if (citizen) return <CitizenArea pathname={pathname} search={search} dossierExtras={paymentAndRating} />;
    if (/^\/thanh-toan\/?$/.test(pathname)) return <PaymentPage search={search} />;
    if (/^\/thanh-toan\/ket-qua\/?$/.test(pathname)) return <PaymentResultPage search={search} />;
    if (/^\/danh-gia\/?$/.test(pathname)) return <RatePage search={search} />;
    if (/^\/danh-gia\/kiosk\/?$/.test(pathname)) return <KioskPage />;
    if (postalList) return <PostalListPage />;
    if (pickup) return <PickupRequestPage search={search} />;
    if (pickupTrack) return <PickupTrackPage search={search} />;
    if (statistics) return <StatisticsPage />;
    // A procedure is named by its id; anything else under /thu-tuc/ is an unknown address (the server answers 404).
    if (m) return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(m[1]!) ? <ProcedurePage id={m[1]!} /> : <NotFoundPage />;
    if (pathname !== '/' && pathname !== '') return <NotFoundPage />;
    return <SearchPage search={search} />;
  })();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <SiteHeader kiosk={/^\/danh-gia\/kiosk\/?$/.test(pathname)} />
      <main id="main" className="container" tabIndex={-1}>
        <Suspense fallback={<Skeleton />}>{page}</Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
