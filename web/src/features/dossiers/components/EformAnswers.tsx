import { Button, Card, Descriptions, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import type { Dossier } from '../api/get-dossier.js';
import { eformAnswerLines } from '../../../../../server/src/modules/procedures/eform-answers.rules.js';

/**
 * Nội dung tờ khai: the e-form answers of the dossier with the labels of its procedure version's form, in the legal
 * form's order (x-order), answers the form no longer lists at the end; printable as the declaration the citizen signs.
 */
export function EformAnswers({ d, printUrl }: { d: Dossier; printUrl: string }) {
  // The same lines as the printed declaration (one renderer for both, server/src/modules/procedures/eform-answers.rules.ts).
  const lines = eformAnswerLines(d.eformSchema, d.eform, { yes: t('desk.yes'), no: t('desk.no') });
  if (lines.length === 0) return null;
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
      {/* One answer per line below 1600 px: the form's labels are long, and two columns squeezed the answers to a letter a line at 1366 px. */}
      <Descriptions column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }} size="small" aria-label={t('desk.answersTitle')} className="eform-answers">
        {lines.map((l) => (
          <Descriptions.Item key={l.name} label={l.label}>
            {l.text ? <span data-field={l.name}>{l.text}</span> : <Typography.Text type="secondary">{t('desk.answerBlank')}</Typography.Text>}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
