import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client.js';
import { checkForm, isoDateOf } from '../../../lib/validation.js';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link, navigate } from '../../../lib/router.js';
import { getUnits, searchRegister, type RegisterPage as Page } from '../api/feedback.js';
import { ft } from '../text.js';
import { ProcedurePicker } from './ProcedurePicker.js';

const feedUrl = (f: 'rss' | 'atom', kind: 'feedback' | 'question') => `/api/feedback/public/register.${f}?kind=${kind}`;

/**
 * /phan-anh/cong-khai (answered feedback) and /hoi-dap (questions and official answers): the public register, searched
 * without accents and by period, newest first, with its RSS and Atom feeds. Personal data were removed when published.
 */
export function RegisterPage({ search, kind }: { search: string; kind: 'feedback' | 'question' }) {
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const from = params.get('tu') ?? '';
  const to = params.get('den') ?? '';
  // ?ma=: one item, as the feeds and Open311 clients link it. ?dv=: a unit and the units under it.
  const code = params.get('ma') ?? '';
  const unitId = params.get('dv') ?? '';
  // ?tt=: one procedure (issue 17: searchable by unit, procedure and period).
  const procedureId = params.get('tt') ?? '';
  const [units, setUnits] = useState<{ id: string; name: string; depth: number }[]>([]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const title = kind === 'question' ? ft('qaTitle') : ft('registerTitle');
  const base = kind === 'question' ? '/hoi-dap' : '/phan-anh/cong-khai';

  useEffect(() => {
    document.title = `${title} — ${t('site')}`;
    searchRegister({ kind, ...(q ? { q } : {}), ...(code ? { code } : {}), ...(unitId ? { unitId } : {}), ...(procedureId ? { procedureId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) })
      .then(setPage)
      .catch((e: unknown) => {
        // A period from the address (a shared link) the server refuses: said under its field, as a typed one is.
        const dated = e instanceof ApiError ? e.issues.filter((i) => i.path === '/from' || i.path === '/to') : [];
        if (dated.length > 0) setProblems(Object.fromEntries(dated.map((i) => (i.path === '/from' ? ['reg-from', `"${ft('from')}": ${i.message}`] : ['reg-to', `"${ft('to')}": ${i.message}`]))));
        else setError(e instanceof Error ? e.message : String(e));
      });
  }, [kind, q, code, unitId, procedureId, from, to, title]);

  useEffect(() => {
    getUnits().then((u) => setUnits(u.items)).catch(() => setUnits([]));
  }, []);

  // Feed autodiscovery: the server puts these links in the page it sends (feedback.noscript.ts registerFeedLinks, same
  // ids); a page reached by navigating inside the portal gets them here, and loses them on leaving the register.
  useEffect(() => {
    const links = (['rss', 'atom'] as const).map((f) => {
      const el = (document.getElementById(`feed-${f}`) as HTMLLinkElement | null) ?? document.head.appendChild(document.createElement('link'));
      Object.assign(el, { id: `feed-${f}`, rel: 'alternate', type: `application/${f}+xml`, title: `${title} (${f === 'rss' ? 'RSS' : 'Atom'})` });
      el.setAttribute('href', feedUrl(f, kind));
      return el;
    });
    return () => links.forEach((el) => el.remove());
  }, [kind, title]);

  function handleSearch(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Dates typed dd/MM/yyyy on every browser; a wrong one is said in Vietnamese (lib/validation.ts), the address keeps yyyy-MM-dd.
    // Each wrong date is said under its own field, the first one focused.
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    const p = new URLSearchParams();
    const day = (v: FormDataEntryValue | null) => (v ? isoDateOf(String(v)) : null);
    // A reversed period is said under "Đến ngày" with both dates as typed (walk 17: a generic message at the top
    // before); nothing is searched and the boxes keep what was typed.
    const [fromDay, toDay] = [day(f.get('tu')), day(f.get('den'))];
    if (fromDay && toDay && fromDay > toDay) {
      setProblems({ 'reg-to': ft('periodReversed', { from: formatDate(fromDay), to: formatDate(toDay) }) });
      const box = e.currentTarget.querySelector<HTMLInputElement>('#reg-to');
      box?.setAttribute('aria-invalid', 'true');
      box?.focus();
      return;
    }
    for (const [k, v] of [['q', f.get('q')], ['dv', f.get('dv')], ['tt', f.get('tt')], ['tu', day(f.get('tu'))], ['den', day(f.get('den'))]] as const) if (v) p.set(k, String(v));
    navigate(`${base}${p.size ? `?${p}` : ''}`, { keepScroll: true });
  }
  async function handleMore() {
    if (!page?.next) return;
    const more = await searchRegister({ kind, after: page.next, ...(q ? { q } : {}), ...(code ? { code } : {}), ...(unitId ? { unitId } : {}), ...(procedureId ? { procedureId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
    setPage({ items: [...page.items, ...more.items], next: more.next });
  }

  return (
    <section aria-labelledby="reg-title">
      <h1 id="reg-title">{title}</h1>
      <p>
        <Link to={kind === 'question' ? '/phan-anh?loai=hoi-dap' : '/phan-anh'}>{kind === 'question' ? ft('newQuestion') : ft('newFeedback')}</Link>
        {' · '}
        <a href={feedUrl('rss', kind)}>{ft('rss')}</a>
        {' · '}
        <a href={feedUrl('atom', kind)}>{ft('atom')}</a>
      </p>
      <form className="search-form" role="search" onSubmit={handleSearch} noValidate>
        <div className="search-row">
          <label htmlFor="reg-q" className="visually-hidden">
            {ft('registerSearch')}
          </label>
          <input id="reg-q" name="q" defaultValue={q} placeholder={ft('registerSearch')} />
          <button type="submit">{ft('search')}</button>
        </div>
        <div className="filters">
          <div>
            <label className="filter">
              {ft('unit')}{' '}
              <select id="reg-unit" name="dv" defaultValue={unitId} key={`${unitId}-${units.length}`}>
                <option value="">{ft('allUnits')}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {'\u00a0'.repeat(Math.max(0, u.depth - 1) * 2)}
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div>
            <ProcedurePicker name="tt" value={procedureId} label={ft('procedure')} />
          </div>
          {([['reg-from', 'tu', ft('from'), from], ['reg-to', 'den', ft('to'), to]] as const).map(([id, name, label, value]) => (
            <div key={id}>
              <label className="filter">
                {label} <input id={id} name={name} defaultValue={formatDate(value)} inputMode="numeric" placeholder="dd/mm/yyyy" data-check="date" aria-describedby={problems[id] ? `${id}-problem` : undefined} />
              </label>
              {problems[id] ? <p className="field-problem" id={`${id}-problem`}>{problems[id]}</p> : null}
            </div>
          ))}
        </div>
      </form>
      {code ? (
        <p>
          {ft('oneItem', { code })} <Link to={base}>{ft('wholeRegister')}</Link>
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {page && page.items.length === 0 ? <p className="empty">{ft('noItems')}</p> : null}
      <ul className="result-list">
        {page?.items.map((i) => (
          <li key={i.code} className="card">
            <h2 className="card-title">{i.subject}</h2>
            <p className="card-meta">
              {i.code} · {i.unitName}
              {i.procedureName ? ` · ${i.procedureName}` : ''} · {ft('answered', { date: formatDate(i.answeredAt) })}
              {i.senderName ? ` · ${i.senderName}` : ''}
            </p>
            <p className="pre-line">{i.content}</p>
            <div className="detail-section">
              <strong>{ft('answer')}:</strong>
              <p className="pre-line">{i.answer}</p>
            </div>
          </li>
        ))}
      </ul>
      {page?.next ? (
        <button type="button" className="more" onClick={() => void handleMore()}>
          {ft('more')}
        </button>
      ) : null}
    </section>
  );
}
