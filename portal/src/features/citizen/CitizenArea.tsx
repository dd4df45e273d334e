import { useCallback, useEffect, useState } from 'react';
import { Link, navigate } from '../../lib/router.js';
import { getPlace, placeFromCommune, setPlace } from '../../lib/place.js';
import { getMe, signOut, type CitizenMe } from './api.js';
import { ct } from './citizen-text.js';
import { nt } from './notice-text.js';
import { MyDossierPage } from './MyDossierPage.js';
import type { DossierExtras } from './DossierExtensions.js';
import { MyDossiersPage } from './MyDossiersPage.js';
import { MyFeedbackItemPage, MyFeedbackPage } from './MyFeedbackPage.js';
import { NoticesPage } from './NoticesPage.js';
import { ProfilePage } from './ProfilePage.js';
import { RecoverPasswordPage } from './RecoverPasswordPage.js';
import { SignInPage } from './SignInPage.js';
import { StorePage } from './StorePage.js';
import { SubmitWizard } from './SubmitWizard.js';

/**
 * The citizen's own pages under /cong-dan/: sign-in, my dossiers (and one dossier), the document store, the profile and
 * the online submission wizard. Without a session every page shows the sign-in, then comes back to where it was.
 */
export function CitizenArea({ pathname, search, dossierExtras }: { pathname: string; search: string; dossierExtras?: DossierExtras }) {
  const [me, setMe] = useState<CitizenMe | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    getMe().then(
      (m) => {
        setMe(m);
        // The profile's commune is the citizen's place when this browser has none chosen yet.
        if (m?.addressUnitId && !getPlace()) void placeFromCommune(m.addressUnitId).then((p) => p && !getPlace() && setPlace(p), () => undefined);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(reload, [reload]);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (me === undefined) return <p className="loading">…</p>;
  const recoverPath = pathname === '/cong-dan/quen-mat-khau';
  const signInPath = pathname === '/cong-dan/dang-nhap' || pathname === '/cong-dan' || recoverPath;
  if (!me || signInPath) {
    if (me && signInPath) {
      navigate('/cong-dan/ho-so', { replace: true });
      return null;
    }
    const returnTo = signInPath ? new URLSearchParams(search).get('tiep') ?? '/cong-dan/ho-so' : pathname + search;
    if (recoverPath) return <RecoverPasswordPage returnTo={returnTo} onSignedIn={setMe} />;
    return <SignInPage returnTo={returnTo} failed={new URLSearchParams(search).get('loi')} onSignedIn={setMe} />;
  }

  const handleSignOut = async () => {
    await signOut().catch(() => undefined);
    setMe(null);
    navigate('/');
  };
  const dossier = /^\/cong-dan\/ho-so\/([0-9a-f-]{36})$/.exec(pathname);
  const submit = /^\/cong-dan\/nop\/([0-9a-f-]{36})$/.exec(pathname);
  const feedbackItem = /^\/cong-dan\/phan-anh\/([0-9a-f-]{36})$/.exec(pathname);
  const page = dossier ? (
    <MyDossierPage id={dossier[1]!} extras={dossierExtras} fresh={new URLSearchParams(search).has('moi')} />
  ) : submit ? (
    <SubmitWizard procedureId={submit[1]!} profileUnitId={me.addressUnitId ?? null} />
  ) : feedbackItem ? (
    <MyFeedbackItemPage id={feedbackItem[1]!} />
  ) : pathname === '/cong-dan/phan-anh' ? (
    <MyFeedbackPage />
  ) : pathname === '/cong-dan/thong-bao' ? (
    <NoticesPage />
  ) : pathname === '/cong-dan/kho' ? (
    <StorePage />
  ) : pathname === '/cong-dan/thong-tin' ? (
    <ProfilePage onSaved={reload} />
  ) : (
    <MyDossiersPage />
  );
  const current = (p: string) => (pathname.startsWith(p) ? 'page' : undefined);
  return (
    <div className="citizen-area">
      <nav className="citizen-nav" aria-label={ct('areaNav')}>
        <span className="citizen-name">{me.fullName}</span>
        <Link to="/cong-dan/ho-so" aria-current={current('/cong-dan/ho-so')}>{ct('myDossiers')}</Link>
        <Link to="/cong-dan/phan-anh" aria-current={current('/cong-dan/phan-anh')}>{ct('myFeedback')}</Link>
        <Link to="/cong-dan/thong-bao" aria-current={current('/cong-dan/thong-bao')}>{nt('notices')}</Link>
        <Link to="/cong-dan/kho" aria-current={current('/cong-dan/kho')}>{ct('store')}</Link>
        <Link to="/cong-dan/thong-tin" aria-current={current('/cong-dan/thong-tin')}>{ct('profile')}</Link>
        <button type="button" className="link-button" onClick={() => void handleSignOut()}>{ct('signOut')}</button>
      </nav>
      {page}
    </div>
  );
}
