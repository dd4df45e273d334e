import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDate, formatDateTime, todayVn } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { deleteWorkingHours, getWorkingHours, setWorkingHours, type WorkingHoursView } from '../api/working-hours.js';

type Row = WorkingHoursView['rows'][number];
type Values = { effectiveFrom: string; morningStart: string; morningEnd: string; afternoonStart: string; afternoonEnd: string };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const sessionsText = (s: readonly { start: string; end: string }[]) => s.map((x) => `${x.start}–${x.end}`).join(', ');

/**
 * The province's office hours (giờ làm việc buổi sáng, buổi chiều), each set from a date: every deadline counted in
 * working days or hours uses them. The administrator adds hours from today or later; past days keep theirs.
 */
export function WorkingHoursCard({ unitId, canManage }: { unitId: string; canManage: boolean }) {
  const view = useAsync(() => getWorkingHours(unitId), [unitId]);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  const handleFinish = async (v: Values) => {
    if (!view.data) return;
    setBusy(true);
    setError(null);
    try {
      await setWorkingHours({ unitId: view.data.provinceId, ...v });
      message.success(t('hours.saved'));
      view.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleDelete = async (r: Row) => {
    setError(null);
    try {
      await deleteWorkingHours(r.id);
      message.success(t('hours.deleted'));
      view.reload();
    } catch (err) {
      setError(err);
    }
  };
  const today = todayVn();
  const after = (field: keyof Values, messageKey: 'hours.endAfterStart' | 'hours.noOverlap', strict: boolean) => ({ getFieldValue }: { getFieldValue: (k: keyof Values) => string }) => ({
    validator: (_r: unknown, value: string) => {
      const before = getFieldValue(field);
      if (!value || !before || !TIME.test(value) || !TIME.test(before)) return Promise.resolve();
      return (strict ? value > before : value >= before) ? Promise.resolve() : Promise.reject(new Error(t(messageKey)));
    },
  });
  const time = (name: keyof Values, label: string, extra: ReturnType<typeof after>[] = [], dependsOn?: keyof Values) => (
    <Form.Item name={name} label={label} dependencies={dependsOn ? [dependsOn] : []} rules={[{ required: true, pattern: TIME, message: t('hours.timeFormat') }, ...extra]} style={{ marginBottom: 8 }}>
      <Input placeholder="HH:MM" style={{ width: 96 }} inputMode="numeric" maxLength={5} />
    </Form.Item>
  );

  return (
    <Card title={<h2 className="section-title">{t('hours.title', { province: view.data?.provinceName ?? '' })}</h2>} size="small" style={{ marginBottom: 16 }}>
      <ErrorAlert error={view.error} />
      {view.data ? (
        <Typography.Paragraph>
          {t('hours.inForce')} <strong data-testid="hours-in-force">{sessionsText(view.data.today)}</strong>
          <br />
          <span className="muted">{t('hours.defaults', { hours: sessionsText(view.data.defaults) })}</span>
        </Typography.Paragraph>
      ) : null}
      <Table<Row>
        size="small"
        rowKey="id"
        loading={view.loading}
        dataSource={view.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('hours.none') }}
        columns={[
          {
            title: t('hours.from'),
            width: 120,
            // Hours whose first day has come are applied: only later ones may go (the server also checks dossiers). The
            // button sits by the date: a column of its own would push the narrow card wider than the page.
            render: (_v, r) =>
              canManage && r.effectiveFrom > today ? (
                <Flex align="center" gap={2} wrap={false}>
                  {formatDate(r.effectiveFrom)}
                  <Popconfirm title={t('hours.deleteConfirm')} description={t('hours.deleteHint')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => handleDelete(r)}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('hours.delete', { date: formatDate(r.effectiveFrom) })} />
                  </Popconfirm>
                </Flex>
              ) : (
                formatDate(r.effectiveFrom)
              ),
          },
          { title: t('hours.morning'), render: (_v, r) => `${r.morningStart}–${r.morningEnd}` },
          { title: t('hours.afternoon'), render: (_v, r) => `${r.afternoonStart}–${r.afternoonEnd}` },
          { title: t('hours.setBy'), render: (_v, r) => `${r.setByName ?? ''}, ${formatDateTime(r.setAt)}` },
        ]}
      />
      {canManage && view.data ? (
        <Form<Values>
          noValidate
          form={form}
          layout="vertical"
          onFinish={handleFinish}
          style={{ marginTop: 16 }}
          initialValues={{ effectiveFrom: todayVn(), morningStart: '07:30', morningEnd: '11:30', afternoonStart: '13:30', afternoonEnd: '17:30' }}
        >
          <h3 className="section-title">{t('hours.change')}</h3>
          <Form.Item
            name="effectiveFrom"
            label={t('hours.from')}
            extra={t('hours.fromHint')}
            rules={[
              { required: true, message: t('hours.fromRequired') },
              // The form asks the browser nothing (noValidate): a past day is said here, in the console's language.
              { validator: (_r, v: string | undefined) => (!v || v >= todayVn() ? Promise.resolve() : Promise.reject(new Error(t('hours.fromPast')))) },
            ]}
            style={{ marginBottom: 8 }}
          >
            <Input type="date" min={todayVn()} style={{ width: 170 }} />
          </Form.Item>
          <Flex gap={12} wrap>
            {time('morningStart', t('hours.morningStart'))}
            {time('morningEnd', t('hours.morningEnd'), [after('morningStart', 'hours.endAfterStart', true)], 'morningStart')}
            {time('afternoonStart', t('hours.afternoonStart'), [after('morningEnd', 'hours.noOverlap', false)], 'morningEnd')}
            {time('afternoonEnd', t('hours.afternoonEnd'), [after('afternoonStart', 'hours.endAfterStart', true)], 'afternoonStart')}
          </Flex>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('hours.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
