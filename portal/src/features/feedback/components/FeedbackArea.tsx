import { Link } from '../../../lib/router.js';
import { ft } from '../text.js';
import { RegisterPage } from './RegisterPage.js';
import { SendPage } from './SendPage.js';
import { TrackPage } from './TrackPage.js';

const sections = [
  { to: '/phan-anh', key: 'navSend', match: /^\/phan-anh\/?$/ },
  { to: '/phan-anh/theo-doi', key: 'navTrack', match: /^\/phan-anh\/theo-doi\/?$/ },
  { to: '/phan-anh/cong-khai', key: 'navRegister', match: /^\/phan-anh\/cong-khai\/?$/ },
  { to: '/hoi-dap', key: 'navQa', match: /^\/hoi-dap\/?$/ },
] as const;

/** The feedback pages, loaded on demand: /phan-anh (send), /phan-anh/theo-doi, /phan-anh/cong-khai, /hoi-dap. */
export function FeedbackArea({ pathname, search }: { pathname: string; search: string }) {
  // One small menu on every feedback page, so a sender finds the public register and tracking from the form.
  const nav = (
    <nav className="feedback-nav" aria-label={ft('navLabel')}>
      {sections.map((s) => (
        <Link key={s.to} to={s.to} aria-current={s.match.test(pathname) ? 'page' : undefined}>
          {ft(s.key)}
        </Link>
      ))}
    </nav>
  );
  let page;
  if (/^\/phan-anh\/theo-doi\/?$/.test(pathname)) page = <TrackPage search={search} />;
  else if (/^\/phan-anh\/cong-khai\/?$/.test(pathname)) page = <RegisterPage search={search} kind="feedback" />;
  else if (/^\/hoi-dap\/?$/.test(pathname)) page = <RegisterPage search={search} kind="question" />;
  else page = <SendPage search={search} />;
  return (
    <>
      {nav}
      {page}
    </>
  );
}
