import { rememberCredentials } from '../../../lib/credentials.js';
import { navigate } from '../../../lib/router.js';
import { rt } from '../text.js';

/** Under a tracking result with the result available: the way to the rating page. */
export function RateLink({ code, secret, status }: { code: string; secret: string; status: string }) {
  if (status !== 'result_ready' && status !== 'returned') return null;
  const handleRate = () => {
    rememberCredentials({ code, secret });
    navigate(`/danh-gia?ma=${encodeURIComponent(code)}`);
  };
  return (
    <div className="detail-section">
      <button type="button" className="secondary-button" onClick={handleRate}>
        {rt('rateLink')}
      </button>
    </div>
  );
}
