import { Descriptions, Table, Tag, Typography } from 'antd';
import { formatDate, formatVnd, formatWorkingDuration } from '../../../lib/format.js';
import { useDayMinutes } from '../../working-calendar/api/use-day-minutes.js';
import { t } from '../../../lib/i18n.js';
import { documentKindLabel, onlineLevelLabel, procedureLevelLabel, processingTimeText, roleLabel } from '../../../lib/labels.js';
import type { ProcedureVersion } from '../api/get-procedure-version.js';
import { fileUrl } from '../api/upload-file.js';

type Content = ProcedureVersion['content'];

/** A version's content, read-only, as the officer checks it before publishing. */
export function ProcedureContentView({ content: c, ownerUnitId }: { content: Content; ownerUnitId?: string }) {
  const dayMinutes = useDayMinutes(ownerUnitId);
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: t('proc.code'), children: c.code },
          { key: 'field', label: t('proc.field'), children: c.field },
          { key: 'level', label: t('proc.level'), children: procedureLevelLabel(c.level) },
          { key: 'agency', label: t('proc.agency'), children: c.agency },
          { key: 'applicants', label: t('proc.applicants'), children: c.applicants },
          { key: 'time', label: t('proc.processingTime'), children: `${processingTimeText(c.processingTime)}${c.processingTime.note ? ` — ${c.processingTime.note}` : ''}` },
          { key: 'online', label: t('proc.onlineLevel'), children: <Tag color={c.onlineLevel === 'full' ? 'green' : c.onlineLevel === 'partial' ? 'blue' : 'default'}>{onlineLevelLabel(c.onlineLevel)}</Tag> },
          { key: 'national', label: t('proc.nationalCode'), children: c.national ? [c.national.maTTHC, c.national.maTruongHop].filter(Boolean).join(' / ') : '—' },
          ...(c.notFullyOnline
            ? [{ key: 'notFullyOnline', label: t('proc.notFullyOnlineReason'), children: `${t(`proc.notFullyOnline.${c.notFullyOnline.reason}`)} — ${c.notFullyOnline.legalBasis}${c.notFullyOnline.explanation ? `. ${c.notFullyOnline.explanation}` : ''}` }]
            : []),
          {
            key: 'postal',
            label: t('proc.postal'),
            children: [c.postalIntake ? t('proc.postalIntake') : null, c.postalReturn ? t('proc.postalReturn') : null].filter(Boolean).join('; ') || t('proc.postalNone'),
          },
          { key: 'result', label: t('proc.result'), children: c.result, span: 'filled' },
        ]}
      />
      <h3 className="section-title view-heading">{t('proc.fees')}</h3>
      {c.fees.length ? (
        <ul>
          {c.fees.map((f, i) => (
            <li key={i}>
              {f.name}: <strong>{formatVnd(f.amountVnd)}</strong>
              {f.note ? ` (${f.note})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('proc.noFees')}</p>
      )}
      <h3 className="section-title view-heading">{t('proc.documents')}</h3>
      <Table
        size="small"
        rowKey={(_d, i) => String(i)}
        pagination={false}
        dataSource={c.documents}
        scroll={{ x: 640 }}
        columns={[
          { title: '#', width: 48, render: (_v, _d, i) => i + 1 },
          { title: t('proc.docName'), dataIndex: 'name' },
          { title: t('proc.docKind'), width: 180, render: (_v, d) => documentKindLabel(d.kind) },
          { title: t('proc.docCount'), width: 90, dataIndex: 'count' },
          { title: t('proc.docRequired'), width: 110, render: (_v, d) => (d.required ? t('common.yes') : t('common.no')) },
          { title: t('proc.docTemplate'), render: (_v, d) => (d.template?.fileId ? <a href={fileUrl(d.template.fileId)}>{d.template.name}</a> : (d.template?.name ?? '')) },
        ]}
      />
      <h3 className="section-title view-heading">{t('proc.templates')}</h3>
      {c.templates.length ? (
        <ul>
          {c.templates.map((tp, i) => (
            <li key={i}>{tp.fileId ? <a href={fileUrl(tp.fileId)}>{tp.name}</a> : <span>{tp.name} ({t('proc.noFile')})</span>}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('proc.noTemplates')}</p>
      )}
      <h3 className="section-title view-heading">{t('proc.steps')}</h3>
      <Table
        size="small"
        rowKey={(_s, i) => String(i)}
        pagination={false}
        dataSource={c.steps}
        columns={[
          { title: '#', width: 48, render: (_v, _s, i) => i + 1 },
          { title: t('proc.stepName'), dataIndex: 'name' },
          { title: t('proc.stepRole'), render: (_v, s) => roleLabel(s.role) },
          { title: t('proc.stepUnitCode'), render: (_v, s) => s.unitCode ?? '' },
          { title: t('proc.stepDays'), width: 150, render: (_v, s) => formatWorkingDuration(s.workingDays, dayMinutes) },
        ]}
      />
      <h3 className="section-title view-heading">{t('proc.legalBasis')}</h3>
      {c.legalBasis.length ? (
        <ul>
          {c.legalBasis.map((l, i) => (
            <li key={i}>
              <strong>{l.number}</strong> {l.title}
              {l.issuedOn ? ` — ${formatDate(l.issuedOn)}` : ''}
              {l.issuer ? ` (${l.issuer})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">—</p>
      )}
      {c.conditions ? (
        <>
          <h3 className="section-title view-heading">{t('proc.conditions')}</h3>
          <Typography.Paragraph className="pre-line">{c.conditions}</Typography.Paragraph>
        </>
      ) : null}
      {c.sequence ? (
        <>
          <h3 className="section-title view-heading">{t('proc.sequence')}</h3>
          <Typography.Paragraph className="pre-line">{c.sequence}</Typography.Paragraph>
        </>
      ) : null}
      <h3 className="section-title view-heading">{t('proc.eform')}</h3>
      {c.eform ? <pre className="mono json-view">{JSON.stringify(c.eform, null, 2)}</pre> : <p className="muted">{t('proc.noEform')}</p>}
    </>
  );
}
