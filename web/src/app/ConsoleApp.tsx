import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { SESSION_LOST_EVENT, setCsrfToken } from '../lib/api-client.js';
import { getMe } from '../features/identity/api/get-me.js';
import type { Me } from '../features/identity/api/sign-in.js';
import { LoginPage } from '../features/identity/components/LoginPage.js';
import { enGB, viVN } from '../lib/antd-locale.js';
import { validateMessagesEn, validateMessagesVi } from '../lib/validate-messages.js';
import { getLang, t } from '../lib/i18n.js';
import { matchPath, navigate, useLocation } from '../lib/router.js';
import { ConsoleLayout } from './ConsoleLayout.js';
import { paths } from './paths.js';
import { Screen } from './Screen.js';
import { HallScreen } from '../features/queue-tickets/components/HallScreen.js';

// antd's #ff4d4f (errors, danger buttons) and #1677ff (links) are below AA contrast as small text; these pass.
const theme = { token: { colorPrimary: '#a61b1b', colorTextPlaceholder: '#6e6e6e', colorError: '#cf1322', colorLink: '#0b4f9c', colorLinkHover: '#083c78', colorLinkActive: '#062d5a', borderRadius: 6, fontFamily: "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', sans-serif" } };

/** The staff console: checks the session, shows the sign-in page or the layout with the screen for the URL. */
export function ConsoleApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const { pathname } = useLocation();
  const lang = getLang();

  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en-gb' : 'vi');
    document.documentElement.lang = lang;
    getMe().then(setMe, (err: unknown) => {
      setError(err);
      setMe(null);
    });
  }, [lang]);

  useEffect(() => {
    const handleLost = () => {
      setCsrfToken(null);
      setMe(null);
    };
    window.addEventListener(SESSION_LOST_EVENT, handleLost);
    return () => window.removeEventListener(SESSION_LOST_EVENT, handleLost);
  }, []);

  // The hall's TV screen is public: no sign-in, no console frame.
  const hallDesk = matchPath('/console/man-hinh-goi-so/:id', pathname)?.id;
  let body;
  if (hallDesk) {
    body = <HallScreen deskUnitId={hallDesk} />;
  } else if (me === undefined) {
    body = (
      <div className="center-screen">
        <Spin size="large" aria-label={t('common.loading')} />
      </div>
    );
  } else if (me === null) {
    body = (
      <>
        {error ? <ErrorAlert error={error} /> : null}
        <LoginPage
          onSignedIn={(signedIn) => {
            setMe(signedIn);
            if (pathname === '/console/dang-nhap') navigate(paths.home, { replace: true });
          }}
        />
      </>
    );
  } else {
    body = (
      <ConsoleLayout me={me} onSignedOut={() => setMe(null)}>
        <Screen me={me} pathname={pathname} />
      </ConsoleLayout>
    );
  }

  return (
    <ConfigProvider locale={lang === 'en' ? enGB : viVN} theme={theme} form={{ validateMessages: lang === 'en' ? validateMessagesEn : validateMessagesVi }}>
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
}
