import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDate } from '../../../lib/format.js';
import { feeRateText, feeSummaryText } from '../../../lib/fees.js';
import { processingTimeText, t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { firstData, firstDataKey, forgetFirstData } from '../../../lib/first-data.js';
import { blankDeclarationUrl, getCatalogProcedure, templateUrl, type PublicProcedure } from '../api/get-catalog-procedure.js';
import { ProvinceChoice, useProvinceVersion } from './ProvinceVersion.js';

type Content = PublicProcedure['current']['content'];

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="detail-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The summary the card shows too (lib/fees.ts), then each fee with its rate, channel and note. */
function Fees({ fees, onlineLevel }: { fees: Content['fees']; onlineLevel: Content['onlineLevel'] }) {
  if (fees.length === 0) return <>{t('free')}</>;
  return (
    <ul className="plain">
      <li data-testid="fee-summary">
        <strong>{feeSummaryText(fees, onlineLevel)}</strong>
      </li>
      {fees.map((f, i) => (
        <li key={i}>
          {f.name}: <strong>{feeRateText(f)}</strong>
          {f.channel ? ` (${t(`channel.${f.channel}`)})` : ''}
          {f.note ? ` — ${f.note}` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * One form to download: the uploaded template file, or else — the catalogue's forms being the procedure's declaration —
 * the declaration rendered blank from the e-form (PDF to print, DOCX to fill in). A name without a file is never shown
 * as if it were one.
 */
function FormDownload({ procedureId, hasEform, template, hidden }: { procedureId: string; hasEform: boolean; template: { name: string; fileId?: string | null }; hidden?: boolean }) {
  const name = hidden ? <span className="visually-hidden"> {template.name}</span> : null;
  if (template.fileId) {
    return (
      <a href={templateUrl(template.fileId)} download>
        {hidden ? t('download') : template.name}
        {name}
      </a>
    );
  }
  if (!hasEform) return hidden ? null : <>{template.name}</>;
  return (
    <>
      {hidden ? null : <>{template.name}: </>}
      <a href={blankDeclarationUrl(procedureId, 'pdf')} download>
        PDF{hidden ? name : <span className="visually-hidden"> {template.name}</span>}
      </a>
      {' · '}
      <a href={blankDeclarationUrl(procedureId, 'docx')} download>
        DOCX{hidden ? name : <span className="visually-hidden"> {template.name}</span>}
      </a>
    </>
  );
}

/**
 * The procedure's facts, documents, forms, conditions, result and legal basis: the long part of the page, rendered again
 * only for another procedure. The page around it re-renders as the citizen's place and profile become known (the version
 * choice), and on a phone redoing this part each time is what held the first taps after load (issue 12, TBT).
 */
const ProcedureSections = memo(function ProcedureSections({ p }: { p: PublicProcedure }) {
  const c = p.current.content;
  const hasEform = c.eform !== null && c.eform !== undefined;
  const templates = [...c.templates];
  for (const d of c.documents) if (d.template && !templates.some((x) => x.name === d.template!.name)) templates.push(d.template);
  return (
    <>
      <Section id="s-general" title={t('general')}>
        <dl className="facts">
          <dt>{t('code')}</dt>
          <dd>{c.code}</dd>
          <dt>{t('field')}</dt>
          <dd>{c.field}</dd>
          <dt>{t('level')}</dt>
          <dd>{t(`level.${c.level}`)}</dd>
          <dt>{t('agency')}</dt>
          <dd>{c.agency}</dd>
          <dt>{t('applicants')}</dt>
          <dd>{c.applicants}</dd>
          <dt>{t('processingTime')}</dt>
          <dd>{processingTimeText(c.processingTime)}</dd>
          <dt>{t('fees')}</dt>
          <dd>
            <Fees fees={c.fees} onlineLevel={c.onlineLevel} />
          </dd>
          <dt>{t('onlineLevel')}</dt>
          <dd>{t(`online.${c.onlineLevel}`)}</dd>
          <dt>{t('postalIntake')}</dt>
          <dd>{c.postalIntake ? t('yes') : t('no')}</dd>
          <dt>{t('postalReturn')}</dt>
          <dd>{c.postalReturn ? t('yes') : t('no')}</dd>
          <dt>{t('owner')}</dt>
          <dd>{p.ownerUnitName}</dd>
        </dl>
        {p.current.decisionNo ? (
          <p className="muted">{t('published', { no: p.current.decisionNo, date: formatDate(p.current.decisionDate), from: formatDate(p.current.effectiveFrom) })}</p>
        ) : null}
        {p.upcoming ? (
          // A revision published for a later date is announced apart; the page above stays the version in force (issue 15).
          <p className="notice" role="note" data-testid="upcoming-version">
            {t('upcoming', { no: p.upcoming.decisionNo ?? '', date: formatDate(p.upcoming.decisionDate), from: formatDate(p.upcoming.effectiveFrom) })}
          </p>
        ) : null}
      </Section>

      {c.sequence ? (
        <Section id="s-sequence" title={t('sequence')}>
          <p className="pre-line">{c.sequence}</p>
        </Section>
      ) : null}

      <Section id="s-documents" title={t('documents')}>
        <div className="table-wrap">
          <table className="doc-table">
            <thead>
              <tr>
                <th scope="col">{t('docIndex')}</th>
                <th scope="col">{t('docName')}</th>
                <th scope="col">{t('docKind')}</th>
                <th scope="col">{t('docCount')}</th>
                <th scope="col">{t('docTemplate')}</th>
              </tr>
            </thead>
            <tbody>
              {c.documents.map((d, i) => (
                <tr key={i}>
                  <td data-label={t('docIndex')}>{i + 1}</td>
                  <td data-label={t('docName')}>
                    {d.name} {d.required ? null : <span className="muted">{t('optional')}</span>}
                  </td>
                  <td data-label={t('docKind')}>{t(`doc.${d.kind}`)}</td>
                  <td data-label={t('docCount')}>{d.count}</td>
                  <td data-label={t('docTemplate')} className={d.template && (d.template.fileId || hasEform) ? undefined : 'empty-cell'}>
                    {d.template ? <FormDownload procedureId={p.id} hasEform={hasEform} template={d.template} hidden /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="s-templates" title={t('templates')}>
        {templates.length ? (
          <ul className="downloads">
            {templates.map((tp, i) => (
              <li key={i}>
                <FormDownload procedureId={p.id} hasEform={hasEform} template={tp} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noTemplates')}</p>
        )}
      </Section>

      {c.conditions ? (
        <Section id="s-conditions" title={t('conditions')}>
          <p className="pre-line">{c.conditions}</p>
        </Section>
      ) : null}

      <Section id="s-result" title={t('result')}>
        <p className="pre-line">{c.result}</p>
      </Section>

      {c.legalBasis.length ? (
        <Section id="s-legal" title={t('legalBasis')}>
          <ul className="plain">
            {c.legalBasis.map((l, i) => (
              <li key={i}>
                <strong>{l.number}</strong> {l.title}
                {l.issuedOn ? ` (${formatDate(l.issuedOn)})` : ''}
                {l.issuer ? ` — ${l.issuer}` : ''}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
});

/** Everything a citizen needs about one procedure, and its forms to download. */
export function ProcedurePage({ id }: { id: string }) {
  // The procedure may have come with the HTML (lib/first-data.ts): shown at once, not fetched again.
  const key = firstDataKey(`/api/catalog/procedures/${id}`);
  const [p, setP] = useState<PublicProcedure | null>(() => firstData<PublicProcedure>(key) ?? null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Several provinces publish it: the page follows the citizen's place, or asks for it before "Nộp trực tuyến".
  const version = useProvinceVersion(id, '/thu-tuc/');

  useEffect(() => {
    let alive = true;
    const first = firstData<PublicProcedure>(key);
    if (first) {
      forgetFirstData(key);
      // Already the state (the initialiser read it): setting it again would render the whole page once more.
      if (first !== p) setP(first);
      document.title = `${first.current.content.name} — ${t('site')}`;
      return;
    }
    setP(null);
    setError(null);
    getCatalogProcedure(id).then(
      (data) => {
        if (!alive) return;
        setP(data);
        document.title = `${data.current.content.name} — ${t('site')}`;
      },
      (err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
    };
  }, [id]);

  useEffect(() => {
    if (p) heading.current?.focus();
  }, [p]);

  if (error) {
    return (
      <div className="detail">
        <p>
          <Link to="/">{t('back')}</Link>
        </p>
        <h1>{t('notFound')}</h1>
        <p className="error" role="alert">
          {error}
        </p>
      </div>
    );
  }
  if (!p) return <p className="loading" aria-live="polite">{t('loading')}</p>;

  const c = p.current.content;

  return (
    <article className="detail">
      <p className="breadcrumb">
        <Link to="/">{t('back')}</Link>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {c.name}
      </h1>
      <ul className="badges">
        <li className={`badge online-${c.onlineLevel}`}>{t(`online.${c.onlineLevel}`)}</li>
        {c.postalIntake ? <li className="badge">{t('postalIntakeShort')}</li> : null}
        {c.postalReturn ? <li className="badge">{t('postalReturnShort')}</li> : null}
      </ul>
      {p.status === 'abolished' ? (
        <p className="notice warn" role="note">
          {t('abolished', { date: formatDate(p.abolishedOn) })}
        </p>
      ) : !p.acceptsDossiersToday ? (
        <p className="notice" role="note">
          {t('notAccepting')}
        </p>
      ) : version.state !== 'ready' && version.versions ? (
        <ProvinceChoice versions={version.versions} />
      ) : c.onlineLevel !== 'none' ? (
        <p className="submit-online">
          <Link to={`/cong-dan/nop/${p.id}`} className="button-primary">
            {t('submitOnline')}
          </Link>
          <span className="muted"> {t(`online.${c.onlineLevel}`)}</span>
        </p>
      ) : null}

      <ProcedureSections p={p} />
    </article>
  );
}
