import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import type { Dossier } from '../api/get-dossier.js';
import { eformFields, type EformField } from './eform-schema.js';

/** The answer as the officer reads it: the option's label, a date as dd/mm/yyyy, Có / Không. */
function answerText(field: EformField | null, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'boolean') return v ? t('desk.yes') : t('desk.no');
  if (field?.options) {
    const o = field.options.find((x) => x.value === v);
    if (o) return o.label;
  }
  if (typeof v === 'string' && field?.kind === 'date') return formatDate(v);
  if (Array.isArray(v)) return v.map((x) => answerText(null, x)).join('; ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${answerText(null, x)}`)
      .join('; ');
  }
  return typeof v === 'number' ? v.toLocaleString('vi-VN') : String(v);
}

/**
 * Nội dung tờ khai: the e-form answers of the dossier with the labels of its procedure version's form, in the legal
 * form's order (x-order), answers the form no longer lists at the end; printable as the declaration the citizen signs.
 */
export function EformAnswers({ d, printUrl }: { d: Dossier; printUrl: string }) {
  const fields = eformFields(d.eformSchema);
  const answers = d.eform ?? {};
  const extra = Object.keys(answers).filter((k) => !fields.some((f) => f.name === k));
  if (fields.length === 0 && extra.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <h3 className="section-title">
          {t('desk.answersTitle')} <Tag color={d.channel === 'online' ? 'blue' : 'default'}>{d.channel === 'online' ? t('desk.answersOnline') : t('desk.answersDesk')}</Tag>
        </h3>
      }
      extra={
        <Button icon={<PrinterOutlined />} href={printUrl} target="_blank" rel="noreferrer" aria-keyshortcuts="p" data-shortcut="print-declaration">
          {t('desk.printDeclaration')}
        </Button>
      }
      className="detail-card"
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small" aria-label={t('desk.answersTitle')} className="eform-answers">
        {fields.map((f) => {
          const text = answerText(f, answers[f.name]);
          return (
            <Descriptions.Item key={f.name} label={f.title}>
              {text ? <span data-field={f.name}>{text}</span> : <Typography.Text type="secondary">{t('desk.answerBlank')}</Typography.Text>}
            </Descriptions.Item>
          );
        })}
        {extra.map((k) => (
          <Descriptions.Item key={k} label={k}>
            <span data-field={k}>{answerText(null, answers[k])}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
