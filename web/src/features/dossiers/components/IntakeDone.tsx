import { Alert, Button, Descriptions, Result } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { formatDueTime, formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listDossierPayments, type DossierPayments } from '../../payments/api/list-dossier-payments.js';
import { receiptUrl } from '../../payments/api/receipt-url.js';
import { dossierFormUrl, type DossierForm } from '../api/dossier-form-url.js';
import type { IntakeInput, IntakeReceipt } from '../api/receive-dossier.js';

type Props = {
  dossier: IntakeReceipt;
  outcome: IntakeInput['outcome'];
  uploaded: number;
  failures: string[];
  dossierPath: (id: string) => string;
  onAnother: () => void;
};

const titles = { accept: 'intake.acceptedTitle', incomplete: 'intake.incompleteDone', refuse: 'intake.refusedDone' } as const;
/** The form handed to the applicant for each outcome: Mẫu 01, 02 or 03. */
const forms = { accept: 'receipt', incomplete: 'supplementation', refuse: 'refusal' } as const satisfies Record<IntakeInput['outcome'], DossierForm>;

/**
 * The fee of an accepted dossier as it stands after intake: the cash taken at the desk with its receipt to hand over
 * (biên lai; fees paid to the agency directly are receipted, Nghị định 61/2018 Điều 22), or what is still owed.
 */
function IntakeFee({ fee }: { fee: DossierPayments }) {
  const cash = fee.payments.find((p) => p.method === 'cash' && p.status === 'paid');
  return cash?.receiptNo ? (
    <span>
      {t('intake.cashReceipted', { amount: formatVnd(cash.amountVnd), no: cash.receiptNo })}{' '}
      <a href={receiptUrl(cash.id)} download={`bien-lai-${cash.reference}.pdf`}>
        <DownloadOutlined /> {t('intake.cashReceiptDownload')}
      </a>
    </span>
  ) : (
    <>{t('intake.feeOwed', { amount: formatVnd(fee.feeVnd) })}</>
  );
}

/** After intake: the dossier code and the appointment (content of Mẫu 01), or the record of an incomplete or refused dossier. */
export function IntakeDone({ dossier, outcome, uploaded, failures, dossierPath, onAnother }: Props) {
  const accepted = outcome === 'accept';
  const href = dossierPath(dossier.id);
  // Antd's Descriptions reads its items' props, so the fee row is rendered here, not by a wrapping component.
  const fee = useAsync(() => (accepted ? listDossierPayments(dossier.id) : Promise.resolve(null)), [dossier.id, accepted]).data;
  return (
    <Result
      status={accepted ? 'success' : 'info'}
      title={<h2 className="result-title">{t(titles[outcome])}</h2>}
      subTitle={dossier.procedureName}
      extra={[
        <Button
          key="open"
          type="primary"
          href={href}
          onClick={(e) => {
            e.preventDefault();
            navigate(href);
          }}
        >
          {t('intake.openDossier')}
        </Button>,
        <Button key="print" icon={<PrinterOutlined />} href={dossierFormUrl(dossier.id, forms[outcome])} target="_blank">
          {t(`form.${forms[outcome]}`)}
        </Button>,
        <Button key="again" onClick={onAnother}>
          {t('intake.another')}
        </Button>,
      ]}
    >
      {accepted ? (
        <Descriptions bordered column={1} size="middle" className="intake-receipt">
          <Descriptions.Item label={t('intake.code')}>
            <strong className="dossier-code">{dossier.code}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('intake.dueAt')}>
            <strong>{formatDueTime(dossier.dueAt)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('dossier.applicant')}>{dossier.applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.resolvingUnit')}>{dossier.resolvingUnitName}</Descriptions.Item>
          {fee && fee.feeVnd > 0 ? (
            <Descriptions.Item label={t('intake.fee')}>
              <IntakeFee fee={fee} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      {uploaded > 0 ? <Alert type="success" showIcon title={t('intake.scansUploaded', { n: uploaded })} style={{ marginTop: 16 }} /> : null}
      {failures.map((f) => (
        <Alert key={f} type="warning" showIcon title={f} style={{ marginTop: 8 }} />
      ))}
    </Result>
  );
}
