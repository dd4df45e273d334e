import { useState } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, Row, Select, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { reconcileStatement, type ReconcileLine, type ReconcileReport } from '../api/reconcile-statement.js';
import { matchColor, matchLabel } from './payment-labels.js';

export type Desk = { unitId: string; unitName: string };
type Props = { desks: Desk[]; onImported: () => void };
type Values = { unitId: string; statement: string };

/** Largest statement the server takes (payment.contract.ts ZReconcileInput). */
const MAX_CHARS = 2_000_000;

function ImportResult({ report }: { report: ReconcileReport }) {
  return (
    <section aria-labelledby="recon-result-title" style={{ marginTop: 16 }}>
      <h3 id="recon-result-title" className="section-title" style={{ marginBottom: 12 }}>
        {t('recon.result')}
      </h3>
      <Row gutter={[16, 16]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('recon.matched')} value={report.matched} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('recon.needsReview')} value={report.needsReview} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('recon.duplicates')} value={report.duplicates} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('recon.problems')} value={report.problems.length} />
        </Col>
      </Row>
      {report.problems.length > 0 ? (
        <ul className="problem-list" aria-label={t('recon.problems')}>
          {report.problems.map((p) => (
            <li key={p.line}>{t('recon.problemLine', { line: p.line, message: p.message })}</li>
          ))}
        </ul>
      ) : null}
      <Table<ReconcileLine>
        size="small"
        rowKey={(l) => `${l.line}-${l.bankRef}`}
        dataSource={report.lines}
        pagination={report.lines.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        tableLayout="fixed"
        columns={[
          { title: t('recon.line'), dataIndex: 'line', width: 64 },
          { title: t('recon.bankRef'), width: 125, render: (_v, l) => <span className="mono">{l.bankRef}</span> },
          { title: t('recon.amount'), width: 100, align: 'right', render: (_v, l) => <span className="nowrap">{formatVnd(l.amountVnd)}</span> },
          { title: t('recon.description'), dataIndex: 'description' },
          { title: t('recon.match'), width: 140, render: (_v, l) => <Tag color={matchColor[l.match]}>{matchLabel(l.match)}</Tag> },
          { title: t('recon.payment'), width: 130, render: (_v, l) => (l.reference ? <span className="mono">{l.reference}</span> : '') },
          { title: t('recon.dossier'), width: 215, render: (_v, l) => (l.dossierCode ? <span className="mono">{l.dossierCode}</span> : '') },
        ]}
      />
    </section>
  );
}

/**
 * Import of a bank statement of incoming transfers (file or pasted text) for one of the officer's desks, and what the
 * import did to each line: matched and recorded, unmatched, wrong amount, dossier already paid, or imported before.
 */
export function StatementImport({ desks, onImported }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const { message } = App.useApp();

  const handleFile = async (file: File) => {
    setFileName(file.name);
    form.setFieldValue('statement', await file.text());
    await form.validateFields(['statement']).catch(() => undefined);
  };

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await reconcileStatement({ unitId: v.unitId, statement: v.statement });
      setReport(r);
      message.success(t('recon.done', { matched: r.matched, review: r.needsReview }));
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<h3 className="section-title">{t('recon.importTitle')}</h3>} className="detail-card">
      <Typography.Paragraph className="muted">{t('recon.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" initialValues={{ unitId: desks[0]?.unitId, statement: '' }} onFinish={(v) => void handleFinish(v)}>
        <Flex gap={16} wrap align="end">
          <Form.Item name="unitId" label={t('recon.unit')} rules={[{ required: true }]} style={{ minWidth: 280, flex: '1 1 280px' }}>
            <Select options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
          </Form.Item>
          <Form.Item label={t('recon.chooseFile')}>
            <Upload
              accept=".csv,.txt,.jsonl,.json,text/csv,text/plain"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                void handleFile(f);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{fileName ?? t('recon.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Flex>
        <Form.Item name="statement" label={t('recon.statement')} rules={[{ required: true, whitespace: true, message: t('recon.statementRequired') }, { max: MAX_CHARS }]}>
          <Input.TextArea rows={6} spellCheck={false} className="mono" placeholder={'amount,time,description,bank_ref\n15000,2026-11-25 09:30,MC7K2P9QXW4R thanh toan phi,FT26329001'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('recon.submit')}
        </Button>
      </Form>
      {report ? <ImportResult report={report} /> : null}
    </Card>
  );
}
