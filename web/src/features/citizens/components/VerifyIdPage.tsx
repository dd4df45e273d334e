import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { cccdRule } from '../../../lib/applicant-checks.js';
import { t } from '../../../lib/i18n.js';
import { findAccountsByCard, verifyId, type AccountClaim } from '../api/verify-id.js';

/**
 * The desk checks a citizen's card (CCCD) against a portal account: until then the number typed at registration links
 * no dossier. The officer finds the accounts claiming the number, compares name and birth date, and confirms.
 */
export function VerifyIdPage({ desks }: { desks: { unitId: string; unitName: string }[] }) {
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState(desks[0]?.unitId);
  const [idNumber, setIdNumber] = useState('');
  const [items, setItems] = useState<AccountClaim[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleSearch = async (values: { idNumber: string }) => {
    setBusy(true);
    setError(null);
    try {
      setItems(await findAccountsByCard(values.idNumber.trim()));
      setIdNumber(values.idNumber.trim());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleVerify = async (a: AccountClaim) => {
    setError(null);
    try {
      await verifyId(a.id, idNumber, unitId!);
      message.success(t('verifyId.done', { name: a.fullName }));
      setItems(await findAccountsByCard(idNumber));
    } catch (err) {
      setError(err);
    }
  };
  const status = (a: AccountClaim) =>
    a.idVerifiedVia === 'oidc' ? <Tag color="green">{t('verifyId.verifiedOidc')}</Tag> : a.idVerifiedVia === 'desk' ? <Tag color="green">{t('verifyId.verifiedDesk')}</Tag> : <Tag>{t('verifyId.unverified')}</Tag>;

  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>{t('verifyId.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('verifyId.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form noValidate layout="inline" onFinish={(v: { idNumber: string }) => void handleSearch(v)} style={{ marginBottom: 16, rowGap: 8 }}>
        {desks.length > 1 ? (
          <Form.Item label={t('verifyId.desk')}>
            <Select style={{ minWidth: 220 }} value={unitId} onChange={setUnitId} options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('verifyId.idNumber')} name="idNumber" rules={[{ required: true, message: t('verifyId.idNumber') }, cccdRule()]}>
          <Input inputMode="numeric" maxLength={12} style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('verifyId.search')}</Button>
      </Form>
      {items === null ? null : items.length === 0 ? (
        <Empty description={t('verifyId.none')} />
      ) : (
        <Table<AccountClaim>
          rowKey="id"
          pagination={false}
          dataSource={items}
          scroll={{ x: true }}
          columns={[
            { title: t('verifyId.fullName'), dataIndex: 'fullName' },
            { title: t('verifyId.birthDate'), dataIndex: 'birthDate', render: (v: string | null) => formatDate(v) },
            { title: t('verifyId.contact'), render: (_v, a) => <Space direction="vertical" size={0}>{a.phone}{a.email}</Space> },
            { title: t('verifyId.createdAt'), render: (_v, a) => formatDateTime(a.createdAt) },
            { title: t('verifyId.status'), render: (_v, a) => status(a) },
            {
              title: '',
              render: (_v, a) =>
                a.idVerifiedAt ? null : (
                  <Popconfirm title={t('verifyId.confirmTitle', { name: a.fullName })} onConfirm={() => handleVerify(a)}>
                    <Button disabled={!unitId}>{t('verifyId.confirm')}</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
