import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { recordFeedback, similarTo, type RecordInput, type Similar } from '../api/feedback.js';

export type Desk = { unitId: string; unitName: string };
type Values = { unitId: string; channel: 'phone' | 'letter'; subject: string; content: string; name: string; phone?: string; address?: string; dossierCode?: string; officerName?: string };

/** An officer records faithfully a letter or a phone call in the unit's register; similar items are shown first. */
export function RecordModal({ desks, onClose, onRecorded }: { desks: Desk[]; onClose: () => void; onRecorded: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [similar, setSimilar] = useState<Similar[]>([]);
  const [busy, setBusy] = useState(false);

  async function handleContentBlur() {
    const { unitId, content, subject } = form.getFieldsValue();
    if (!unitId || !content || content.length < 5) return;
    setSimilar((await similarTo(unitId, `${subject ?? ''} ${content}`).catch(() => ({ items: [] }))).items);
  }

  async function handleOk() {
    const v = await form.validateFields();
    const body: RecordInput = {
      unitId: v.unitId,
      channel: v.channel,
      subject: v.subject,
      content: v.content,
      sender: { name: v.name, phone: v.phone || null, address: v.address || null, email: null },
      dossierCode: v.dossierCode || null,
      officerName: v.officerName || null,
    };
    setBusy(true);
    try {
      const r = await recordFeedback(body);
      message.success(t('fb.recorded', { code: r.code }));
      onRecorded();
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('fb.recordTitle')} okText={t('fb.save')} cancelText={t('fb.cancel')} onOk={() => void handleOk()} onCancel={onClose} confirmLoading={busy} width={720} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={{ unitId: desks[0]?.unitId, channel: 'phone' }}>
        <Form.Item name="unitId" label={t('fb.recordUnit')} rules={[{ required: true }]}>
          <Select options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('fb.channel')}>
          <Radio.Group options={[{ value: 'phone', label: t('fb.phone') }, { value: 'letter', label: t('fb.letter') }]} />
        </Form.Item>
        <Form.Item name="name" label={t('fb.senderName')} rules={[{ required: true, min: 2 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('fb.senderPhone')}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('fb.senderAddress')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="subject" label={t('fb.subject')} rules={[{ required: true, min: 5 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t('fb.content')} rules={[{ required: true, min: 10 }]}>
          <Input.TextArea rows={4} onBlur={() => void handleContentBlur()} />
        </Form.Item>
        {similar.length > 0 ? (
          <Alert
            type="warning"
            style={{ marginBottom: 16 }}
            title={t('fb.similar')}
            description={
              <ul style={{ margin: 0 }}>
                {similar.map((s) => (
                  <li key={s.code}>
                    {s.code} — {s.subject} ({s.statusLabel})
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Form.Item name="dossierCode" label={t('fb.dossierCode')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="officerName" label={t('fb.officerName')}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
