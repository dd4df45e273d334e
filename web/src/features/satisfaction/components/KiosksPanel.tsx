import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { listKiosks, type Kiosk } from '../api/list-kiosks.js';
import { revokeKiosk } from '../api/revoke-kiosk.js';
import { PairKioskModal, type Desk } from './PairKioskModal.js';

/**
 * The rating tablets of the officer's desks (thiết bị đánh giá tại Bộ phận Một cửa, Nghị định 61/2018 Điều 29): pair a
 * new one, see when each was last used, revoke a lost or retired one.
 */
export function KiosksPanel({ desks }: { desks: Desk[] }) {
  const list = useAsync(listKiosks, []);
  const [pairing, setPairing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();

  const handleRevoke = async (k: Kiosk) => {
    setError(null);
    try {
      await revokeKiosk(k.id);
      message.success(t('kiosk.revokedOk', { name: k.name }));
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <Flex justify="space-between" align="start" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Paragraph className="muted" style={{ margin: 0, maxWidth: 760 }}>
          {t('kiosk.intro')}
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setPairing(true)} disabled={desks.length === 0}>
          {t('kiosk.pair')}
        </Button>
      </Flex>
      <h3 className="section-title view-heading">{t('kiosk.list')}</h3>
      <ErrorAlert error={error ?? list.error} />
      <Table<Kiosk>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('kiosk.empty') }}
        scroll={{ x: 820 }}
        tableLayout="fixed"
        rowClassName={(k) => (k.revokedAt ? 'unit-closed' : '')}
        columns={[
          { title: t('kiosk.name'), render: (_v, k) => <strong>{k.name}</strong> },
          { title: t('kiosk.unit'), dataIndex: 'unitName', width: 240 },
          { title: t('kiosk.createdAt'), width: 140, render: (_v, k) => formatDueTime(k.createdAt) },
          { title: t('kiosk.lastUsedAt'), width: 140, render: (_v, k) => formatDueTime(k.lastUsedAt) },
          {
            title: t('kiosk.state'),
            width: 160,
            render: (_v, k) => (k.revokedAt ? <Tag>{`${t('kiosk.revoked')} ${formatDueTime(k.revokedAt)}`}</Tag> : <Tag color="green">{t('kiosk.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            width: 120,
            render: (_v, k) =>
              k.revokedAt ? null : (
                <Popconfirm title={t('kiosk.revokeConfirm', { name: k.name })} okText={t('kiosk.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => handleRevoke(k)}>
                  <Button danger size="small" icon={<StopOutlined />} aria-label={`${t('kiosk.revoke')} ${k.name}`}>
                    {t('kiosk.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <PairKioskModal open={pairing} desks={desks} onClose={() => setPairing(false)} onPaired={list.reload} />
    </>
  );
}
