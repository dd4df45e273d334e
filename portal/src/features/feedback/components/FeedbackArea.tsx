import { RegisterPage } from './RegisterPage.js';
import { SendPage } from './SendPage.js';
import { TrackPage } from './TrackPage.js';

/** The feedback pages, loaded on demand: /phan-anh (send), /phan-anh/theo-doi, /phan-anh/cong-khai, /hoi-dap. */
export function FeedbackArea({ pathname, search }: { pathname: string; search: string }) {
  if (/^\/phan-anh\/theo-doi\/?$/.test(pathname)) return <TrackPage search={search} />;
  if (/^\/phan-anh\/cong-khai\/?$/.test(pathname)) return <RegisterPage search={search} kind="feedback" />;
  if (/^\/hoi-dap\/?$/.test(pathname)) return <RegisterPage search={search} kind="question" />;
  return <SendPage search={search} />;
}
