import { useEffect, useState, type FormEvent } from 'react';
import { Link } from '../../lib/router.js';
import { getChannelSettings, getNotices, markNoticesRead, saveChannelSettings, type ChannelSettings, type PortalNotices } from './api.js';
import { nt } from './notice-text.js';

type Delivery = PortalNotices['items'][number]['deliveries'][number];
const channelName: Record<Delivery['channel'], 'noticeEmail' | 'noticeSms' | 'zaloShort'> = { email: 'noticeEmail', sms: 'noticeSms', zalo: 'zaloShort' };
const statusName: Record<Delivery['status'], 'deliveryQueued' | 'deliverySent' | 'deliveryDelivered' | 'deliveryFailed'> = {
  queued: 'deliveryQueued',
  sent: 'deliverySent',
  delivered: 'deliveryDelivered',
  failed: 'deliveryFailed',
};

/** Where each dossier's messages go, as the senders plan them (the server's answer, not a guess from the profile). */
function DossierRecipientsList({ dossiers }: { dossiers: ChannelSettings['dossiers'] }) {
  return (
    <section aria-labelledby="recipients-title">
      <h2 id="recipients-title">{nt('recipientsTitle')}</h2>
      <p className="hint">{nt('recipientsIntro')}</p>
      <ul className="plain recipients" data-testid="dossier-recipients">
        {dossiers.map((d) => {
          const parts = [
            d.sms ? nt('recipientSms', { to: d.sms }) : d.mobile ? nt('recipientNoSms') : nt('recipientNoMobile'),
            d.zalo ? nt('recipientZalo', { to: d.zalo }) : null,
            d.email ? nt('recipientEmail', { to: d.email }) : null,
          ].filter((x): x is string => x !== null);
          return (
            <li key={d.dossierId}>
              <Link to={`/cong-dan/ho-so/${d.dossierId}`}>{nt('dossierCodeLabel')} {d.dossierCode ?? d.procedureName}</Link>: {parts.join('; ')}
              {d.withAccount ? null : <span className="hint"> — {nt('recipientDesk')}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The citizen's notices and channels (/cong-dan/thong-bao): every change of their dossiers as the ledger tells it
 * (agency, officer, time), how each message went out, and the choice of e-mail, SMS and Zalo beside the portal notice.
 */
export function NoticesPage() {
  const [notices, setNotices] = useState<PortalNotices | null>(null);
  const [settings, setSettings] = useState<ChannelSettings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    document.title = nt('noticesTitle');
    void getNotices().then(setNotices, (e: unknown) => setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) }));
    void getChannelSettings().then(setSettings, (e: unknown) => setStatus({ ok: false, text: e instanceof Error ? e.message : String(e) }));
  }, []);

  const handleRead = async () => {
    await markNoticesRead();
    setNotices(await getNotices());
  };
  const handleSave = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      setSettings(await saveChannelSettings({ email: f.has('email'), sms: f.has('sms'), zalo: f.has('zalo') }));
      setStatus({ ok: true, text: nt('channelsSaved') });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  // SMS and Zalo can be chosen when a mobile number is known: the profile's, or one given with a dossier filed with the account.
  const mobileKnown = !!settings && (!!settings.contacts.phone || settings.dossiers.some((d) => d.withAccount && d.mobile));
  return (
    <section className="detail narrow" aria-labelledby="notices-title">
      <h1 id="notices-title">{nt('noticesTitle')}</h1>
      {notices === null ? (
        <p className="loading">…</p>
      ) : notices.items.length === 0 ? (
        <p>{nt('noNotices')}</p>
      ) : (
        <>
          {notices.unread > 0 ? (
            <p className="notice-unread">
              <strong>{nt('unreadCount', { n: notices.unread })}</strong>{' '}
              <button type="button" className="link-button" onClick={() => void handleRead()}>{nt('markRead')}</button>
            </p>
          ) : null}
          <ol className="notice-list">
            {notices.items.map((n, i) => (
              <li key={`${n.dossierId ?? n.feedbackId}-${i}`} className={n.unread ? 'notice-item unread' : 'notice-item'}>
                <p className="notice-head">
                  {n.unread ? <span className="badge">{nt('newBadge')}</span> : null}{' '}
                  {n.about === 'feedback' ? (
                    <Link to={`/cong-dan/phan-anh/${n.feedbackId}`}>{nt('feedbackCodeLabel')} {n.feedbackCode}</Link>
                  ) : (
                    <Link to={`/cong-dan/ho-so/${n.dossierId}`}>{nt('dossierCodeLabel')} {n.dossierCode ?? n.procedureName}</Link>
                  )}
                </p>
                <p className="notice-text">{n.text}</p>
                {n.note ? <p className="notice-note">{n.note}</p> : null}
                {n.deliveries.length > 0 ? (
                  <p className="notice-deliveries">
                    {n.deliveries.map((d) => `${nt(channelName[d.channel])}: ${nt(statusName[d.status])}`).join(' · ')}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}

      <h2 id="channels-title">{nt('channelsTitle')}</h2>
      <p>{nt('channelsIntro')}</p>
      {settings ? (
        <form className="stack" aria-labelledby="channels-title" onSubmit={(e) => void handleSave(e)} noValidate>
          <fieldset className="channel-choices">
            <legend className="visually-hidden">{nt('channelsTitle')}</legend>
            <label className="check"><input type="checkbox" checked disabled /> {nt('noticePortal')}</label>
            <label className="check">
              <input type="checkbox" name="email" defaultChecked={settings.email} disabled={!settings.contacts.email} /> {nt('noticeEmail')}
              {settings.contacts.email ? <span className="hint"> ({settings.contacts.email})</span> : <span className="hint"> — {nt('noContactEmail')}</span>}
            </label>
            <label className="check">
              <input type="checkbox" name="sms" defaultChecked={settings.sms} disabled={!mobileKnown} /> {nt('noticeSms')}
              {/* The SMS of a dossier go to the number given with it (dossier.notify.ts applicantChannels), not the profile's. */}
              {settings.dossiers.length > 0 ? <span className="hint"> {nt('smsPerDossier')}</span> : settings.contacts.phone ? <span className="hint"> ({settings.contacts.phone})</span> : <span className="hint"> — {nt('noContactPhone')}</span>}
            </label>
            {settings.zaloAvailable ? (
              <label className="check">
                <input type="checkbox" name="zalo" defaultChecked={settings.zalo} disabled={!mobileKnown} /> {nt('noticeZalo')}
              </label>
            ) : null}
          </fieldset>
          {settings.zaloAvailable ? <p className="hint">{nt('zaloFallback')}</p> : null}
          <button type="submit" className="button-primary">{nt('saveChannels')}</button>
        </form>
      ) : null}
      {settings && settings.dossiers.length > 0 ? <DossierRecipientsList dossiers={settings.dossiers} /> : null}
      <div aria-live="polite">{status ? <p className={status.ok ? 'notice success' : 'error'} role={status.ok ? undefined : 'alert'}>{status.text}</p> : null}</div>
    </section>
  );
}
