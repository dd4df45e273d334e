import { useState } from 'react';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { listLookups, type LookupRow } from '../api/population-lookups.js';

type Props = { units: { unitId: string; unitName: string }[] };

/** Secondary lines dark enough for WCAG AA on white and on the selected row (antd's secondary grey is not). */
const secondary = { color: '#595959' } as const;

const outcomeTag = { found: ['green', 'popLog.found'], not_found: ['default', 'popLog.notFound'], unavailable: ['red', 'popLog.unavailable'] } as const;

/**
 * The population-data look-up log of the officer's units (Nghị định 13/2023/NĐ-CP Điều 11: personal data read only with
 * consent, and accountably): who looked up which CCCD, when, why, on which consent, with what outcome. The server keeps
 * it to the units the officer may see; this page only picks the unit and pages on.
 */
export function PopulationLookupsPage({ units }: Props) {
  const [unitId, setUnitId] = useState<string | undefined>(units[0]?.unitId);
  const [idNumber, setIdNumber] = useState<string | undefined>(undefined);
  const [more, setMore] = useState<LookupRow[]>([]);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [exhausted, setExhausted] = useState(false);
  const first = useAsync(async () => {
    setMore([]);
    setExhausted(false);
    return unitId ? listLookups({ unitId, idNumber }) : [];
  }, [unitId, idNumber]);
  const rows = [...(first.data ?? []), ...more];

  const handleMore = async () => {
    const last = rows.at(-1);
    if (!unitId || !last) return;
    try {
      const next = await listLookups({ unitId, idNumber, before: new Date(last.at).toISOString() });
      setMore((m) => [...m, ...next]);
      if (next.length < 50) setExhausted(true);
    } catch (err) {
      setMoreError(err);
    }
  };

  if (units.length === 0) return <Typography.Paragraph>{t('popLog.noUnit')}</Typography.Paragraph>;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('popLog.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('popLog.intro')}</Typography.Paragraph>
      <Form noValidate layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v: { idNumber?: string }) => setIdNumber(v.idNumber?.trim() || undefined)}>
        <Form.Item label={t('popLog.unit')} htmlFor="pop-unit">
          <Select id="pop-unit" style={{ minWidth: 260 }} value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: u.unitId, label: u.unitName }))} />
        </Form.Item>
        <Form.Item label={t('popLog.idFilter')} name="idNumber" htmlFor="pop-id" rules={[{ pattern: /^\s*\d{12}\s*$/, message: t('popLog.idFilter') }]}>
          <Input id="pop-id" inputMode="numeric" maxLength={12} allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('popLog.search')}</Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={first.error ?? moreError} />
      <Table<LookupRow>
        size="small"
        rowKey={(r) => `${r.at}-${r.idNumber}-${r.actorName}`}
        loading={first.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('popLog.empty') }}
        columns={[
          { title: t('popLog.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
          { title: t('popLog.idNumber'), dataIndex: 'idNumber', width: 130 },
          {
            title: t('popLog.who'),
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.actorName}</span>
                <span style={secondary}>{r.actorKind === 'citizen' ? t('popLog.citizen') : t('popLog.officer')}</span>
              </Space>
            ),
          },
          { title: t('popLog.where'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: t('popLog.procedure'), dataIndex: 'procedureName', render: (v: string | null) => v ?? '—' },
          { title: t('popLog.purpose'), dataIndex: 'purpose' },
          {
            title: t('popLog.consent'),
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.consentVia === 'desk' ? t('popLog.consentDesk') : t('popLog.consentPortal')}</span>
                <span style={secondary}>{t('popLog.consentWhen', { given: formatDateTime(r.consentGivenAt), until: formatDateTime(r.consentExpiresAt) })}</span>
              </Space>
            ),
          },
          {
            title: t('popLog.outcome'),
            dataIndex: 'outcome',
            width: 150,
            render: (v: string) => {
              const o = outcomeTag[v as keyof typeof outcomeTag];
              return o ? <Tag color={o[0]}>{t(o[1])}</Tag> : v;
            },
          },
        ]}
      />
      {rows.length >= 50 && !exhausted ? (
        <Button style={{ marginTop: 12 }} onClick={() => void handleMore()}>
          {t('popLog.more')}
        </Button>
      ) : null}
    </>
  );
}
