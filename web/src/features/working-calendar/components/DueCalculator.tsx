import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDateTime, formatNumber, nowVnWallClock } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { computeDue, type DueInput, type DueResult } from '../api/compute-due.js';

type Values = { receivedAt: Dayjs; amount: number; unit: DueInput['unit']; paper: boolean };
const dueUnits = ['working_day', 'half_day', 'working_hour', 'same_day'] as const;

/** The wall-clock time picked, read as Vietnam time (UTC+7, no daylight saving) whatever the browser's zone. */
function vietnamInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
}

/** "Tính hạn": receipt time + processing time → due time on the working calendar (holidays, 15:00 cut-off). */
export function DueCalculator({ unitId }: { unitId?: string }) {
  const [result, setResult] = useState<DueResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await computeDue({ receivedAt: vietnamInstant(v.receivedAt), amount: v.amount, unit: v.unit, paper: v.paper, ...(unitId ? { unitId } : {}) }));
    } catch (err) {
      setResult(null);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="section-title">{t('cal.dueTitle')}</h2>} size="small">
      <Form<Values> noValidate layout="vertical" onFinish={handleFinish} initialValues={{ receivedAt: dayjs(nowVnWallClock()), amount: 3, unit: 'working_day', paper: true }}>
        <Form.Item label={t('cal.receivedAt')} name="receivedAt" rules={[{ required: true }]} extra={t('cal.receivedAtHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item label={t('cal.amount')} name="amount" rules={[{ required: true }]} style={{ width: 110 }}>
            <InputNumber min={0} max={365} step={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('cal.timeUnit')} name="unit" rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={dueUnits.map((u) => ({ value: u, label: t(`due.${u}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="paper" valuePropName="checked">
          <Checkbox>{t('cal.paper')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('cal.compute')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {result ? (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'due', label: t('cal.dueAt'), children: <strong>{result.dueAtText}</strong> },
              { key: 'from', label: t('cal.countingFrom'), children: formatDateTime(result.countingFrom) },
              { key: 'minutes', label: t('cal.workingTime'), children: t('cal.hours', { h: formatNumber(result.workingMinutes / 60) }) },
            ]}
          />
        ) : null}
      </div>
    </Card>
  );
}
