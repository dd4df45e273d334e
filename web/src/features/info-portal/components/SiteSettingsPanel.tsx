import { App, Button, Card, Form, Input, InputNumber, Space, Spin } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getSite, saveSite, type SiteInput } from '../api/portal.js';

const empty: SiteInput = { slug: '', hostName: null, title: '', address: '', phone: '', feedbackPhone: '', email: '', mapLat: null, mapLng: null, leaders: [], menu: [] };

/** The facts the required pages show (NĐ 224/2026 Điều 10): contacts, the feedback phone, the map, the leaders and duties. */
export function SiteSettingsPanel({ unitId, exists, onSaved }: { unitId: string; exists: boolean; onSaved: () => void }) {
  const state = useAsync(() => (exists ? getSite(unitId) : Promise.resolve(empty)), [unitId, exists]);
  const { message } = App.useApp();
  if (state.loading && !state.data) return <Spin aria-label={t('common.loading')} />;
  const initial = state.data ?? empty;
  const submit = async (v: SiteInput) => {
    try {
      await saveSite(unitId, { ...v, hostName: v.hostName || null, leaders: v.leaders ?? [], menu: initial.menu ?? [] });
      message.success(t('portal.saved'));
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <ErrorAlert error={state.error} />
      <Form<SiteInput> noValidate layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} style={{ maxWidth: 760 }}>
        <Form.Item name="title" label={t('portal.s.title')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="slug" label={t('portal.s.slug')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,59}$/ }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="hostName" label={t('portal.s.host')}>
            <Input style={{ width: 320 }} placeholder="tenphuongxa.tentinhthanh.gov.vn" />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={t('portal.s.address')}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="phone" label={t('portal.s.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="feedbackPhone" label={t('portal.s.feedbackPhone')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('portal.s.email')}>
            <Input />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="mapLat" label={t('portal.s.lat')}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="mapLng" label={t('portal.s.lng')}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.List name="leaders">
          {(fields, { add, remove }) => (
            <Card size="small" title={t('portal.s.leaders')} style={{ marginBottom: 16 }}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="start">
                  <Form.Item name={[f.name, 'name']} label={t('portal.s.leaderName')} rules={[{ required: true, min: 2 }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'position']} label={t('portal.s.position')} rules={[{ required: true, min: 2 }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'duties']} label={t('portal.s.duties')}>
                    <Input.TextArea rows={1} style={{ width: 260 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                    {t('portal.m.remove')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ name: '', position: '', duties: '', phone: '', email: '' })}>{t('portal.s.addLeader')}</Button>
            </Card>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit">
          {exists ? t('portal.save') : t('portal.s.create')}
        </Button>
      </Form>
    </>
  );
}
