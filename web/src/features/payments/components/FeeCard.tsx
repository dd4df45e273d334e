import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, WalletOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime, formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { listDossierPayments, type Payment } from '../api/list-dossier-payments.js';
import { receiptUrl } from '../api/receipt-url.js';
import { recordCash } from '../api/record-cash.js';
import { eventLabel, methodLabel, paymentStatusColor, paymentStatusLabel } from './payment-labels.js';
import { foldStalePayments } from '../../../../../server/src/modules/payments/payment-fold.rules.js';
import { feeClosedStatuses, feeOwedAtReturn } from '../../../../../server/src/modules/payments/payment.rules.js';


type Props = {
  dossierId: string;
  dossierStatus: string;
  /** The officer receives dossiers (dossiers.receive); the server still checks the dossier's units. */
  canCollect: boolean;
};

function PaymentLog({ p }: { p: Payment }) {
  return (
    <Flex vertical gap={4} className="step-detail">
      <span>
        {t('fee.reference')}: <span className="mono">{p.reference}</span>
        {p.bankRef ? (
          <>
            {' · '}
            {t('fee.bankRef')}: <span className="mono">{p.bankRef}</span>
          </>
        ) : null}
        {p.gatewayTxnNo ? (
          <>
            {' · '}
            {t('fee.gatewayTxn')}: <span className="mono">{p.gatewayTxnNo}</span>
          </>
        ) : null}
      </span>
      <ul style={{ margin: 0, paddingLeft: 18 }} aria-label={t('fee.events')}>
        {p.events.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <span className="nowrap">{formatDueTime(e.at)}</span> — {eventLabel(e.kind)}
          </li>
        ))}
      </ul>
    </Flex>
  );
}

/**
 * Phí, lệ phí of a dossier: the fee, whether it is paid, each payment (method, status, amount, time, receipt number) with
 * its receipt as PDF and its log; a desk officer records the fee received in cash, after confirming (Nghị định 61/2018
 * Điều 22, Nghị định 118/2025 Điều 24: fees paid to the agency directly, with a receipt).
 */
export function FeeCard({ dossierId, dossierStatus, canCollect }: Props) {
  const state = useAsync(() => listDossierPayments(dossierId), [dossierId]);
  const [confirming, setConfirming] = useState(false);
  const [showStale, setShowStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cashError, setCashError] = useState<unknown>(null);
  const [form] = Form.useForm<{ payerName?: string }>();
  const { message } = App.useApp();
  const data = state.data;
  const fee = data?.feeVnd ?? 0;
  const { shown, folded } = foldStalePayments(data?.payments ?? []);
  const collectable = canCollect && data !== undefined && fee > 0 && !data.paid && !feeClosedStatuses.includes(dossierStatus);

  const handleOpen = () => {
    form.resetFields();
    setCashError(null);
    setConfirming(true);
  };

  const handleCash = async (v: { payerName?: string }) => {
    setBusy(true);
    setCashError(null);
    try {
      const payerName = v.payerName?.trim();
      const after = await recordCash(dossierId, payerName ? { payerName } : {});
      const paid = after.payments.find((p) => p.status === 'paid');
      message.success(t('fee.cashDone', { amount: formatVnd(after.feeVnd), no: paid?.receiptNo ?? '' }));
      setConfirming(false);
      state.reload();
    } catch (err) {
      setCashError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={<h3 className="section-title">{t('fee.title')}</h3>}
      extra={
        collectable ? (
          <Button type="primary" icon={<WalletOutlined />} onClick={handleOpen}>
            {t('fee.collectCash')}
          </Button>
        ) : null
      }
      className="detail-card"
    >
      <ErrorAlert error={state.error} />
      {data && feeOwedAtReturn({ status: dossierStatus, feeVnd: fee, paid: data.paid }) > 0 ? (
        <Alert type="warning" showIcon role="alert" style={{ marginBottom: 12 }} title={t('fee.owedAtReturn', { amount: formatVnd(fee) })} />
      ) : null}
      {data ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('fee.amount')}>
            {fee > 0 ? (
              <Flex gap={8} align="center" wrap>
                <strong>{formatVnd(fee)}</strong>
                <Tag color={data.paid ? 'green' : 'gold'}>{data.paid ? t('fee.paid') : t('fee.unpaid')}</Tag>
              </Flex>
            ) : (
              t('fee.none')
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table<Payment>
        size="small"
        rowKey="id"
        loading={state.loading}
        dataSource={showStale ? (data?.payments ?? []) : shown}
        pagination={false}
        locale={{ emptyText: t('fee.noPayments') }}
        scroll={{ x: 600 }}
        tableLayout="fixed"
        expandable={{ expandedRowRender: (p) => <PaymentLog p={p} /> }}
        columns={[
          { title: t('fee.method'), render: (_v, p) => methodLabel(p.method) },
          { title: t('fee.status'), width: 135, render: (_v, p) => <Tag color={paymentStatusColor[p.status]}>{paymentStatusLabel(p.status)}</Tag> },
          { title: t('fee.paymentAmount'), width: 100, align: 'right', render: (_v, p) => <span className="nowrap">{formatVnd(p.amountVnd)}</span> },
          { title: t('fee.time'), width: 120, render: (_v, p) => formatDueTime(p.paidAt ?? p.createdAt) },
          {
            // The receipt number is the link to its PDF (a paid payment always has one).
            title: t('fee.receiptNo'),
            width: 140,
            render: (_v, p) =>
              p.receiptNo ? (
                <a href={receiptUrl(p.id)} download={`bien-lai-${p.reference}.pdf`} aria-label={t('fee.downloadReceiptOf', { no: p.receiptNo })} className="mono nowrap">
                  <DownloadOutlined /> {p.receiptNo}
                </a>
              ) : null,
          },
        ]}
      />
      {folded.length > 0 ? (
        <Button type="link" size="small" onClick={() => setShowStale((v) => !v)} aria-expanded={showStale} style={{ paddingLeft: 0 }}>
          {showStale ? t('fee.hideStale') : t('fee.showStale', { n: folded.length })}
        </Button>
      ) : null}
      <Modal
        open={confirming}
        title={t('fee.cashTitle')}
        onCancel={() => setConfirming(false)}
        onOk={() => form.submit()}
        okText={t('fee.cashOk')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        forceRender
      >
        <ErrorAlert error={cashError} />
        <Typography.Paragraph>{t('fee.cashConfirm', { amount: formatVnd(fee) })}</Typography.Paragraph>
        <Form noValidate form={form} layout="vertical" onFinish={(v) => void handleCash(v)}>
          <Form.Item name="payerName" label={t('fee.payerName')} extra={t('fee.payerHint')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
