import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { feedbackCategories, type FeedbackCategory } from '../../../../../server/src/modules/feedback/feedback.rules.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { ApiError, issueFields } from '../../../lib/api-client.js';
import { getLang, t } from '../../../lib/i18n.js';
import { recordFeedback, similarTo, uploadAttachment, type RecordInput, type Similar } from '../api/feedback.js';

export type Desk = { unitId: string; unitName: string };
type Values = {
  unitId: string;
  channel: 'phone' | 'letter';
  category: FeedbackCategory;
  subject: string;
  content: string;
  name: string;
  phone?: string;
  address?: string;
  placeAddress?: string;
  consent?: boolean;
  dossierCode?: string;
  officerName?: string;
};
type Attached = { sha256: string; fileName: string };
const MAX_FILES = 5;
/** The form's field for each part of the request body it fills (the form is flat, the body is not). */
const bodyToForm: Readonly<Record<string, string>> = {
  '/sender/name': 'name',
  '/sender/phone': 'phone',
  '/sender/address': 'address',
  '/place/address': 'placeAddress',
  '/dossierCode': 'dossierCode',
  '/officerName': 'officerName',
  '/subject': 'subject',
  '/content': 'content',
  '/unitId': 'unitId',
};

/** An officer records faithfully a letter or a phone call in the unit's register; similar items are shown first. */
export function RecordModal({ desks, onClose, onRecorded }: { desks: Desk[]; onClose: () => void; onRecorded: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [similar, setSimilar] = useState<Similar[]>([]);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<Attached[]>([]);

  /** Each file is stored at once (the server checks its content, not its name) and kept by its sha256. */
  async function handleUpload(file: File) {
    setError(null);
    try {
      const stored = await uploadAttachment(file);
      setFiles((f) => [...f, { sha256: stored.sha256, fileName: stored.fileName }].slice(0, MAX_FILES));
    } catch (e) {
      setError(e);
    }
  }

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
      category: v.category,
      subject: v.subject,
      content: v.content,
      sender: { name: v.name, phone: v.phone || null, address: v.address || null, email: null },
      place: v.placeAddress ? { address: v.placeAddress, latitude: null, longitude: null } : null,
      consentPublishIdentity: v.consent === true,
      files: files.map((f) => f.sha256),
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
      // The server names the field it refuses (an unknown dossier code, a phone): said next to it too; what was typed
      // stays. A rule of the feedback module names it in `details.field`, the request's validation in its issues.
      const field = e instanceof ApiError ? e.details?.field : undefined;
      const formField = typeof field === 'string' ? bodyToForm[`/${field.replace(/\./g, '/')}`] : undefined;
      form.setFields([...(formField ? [{ name: [formField], errors: [e instanceof Error ? e.message : String(e)] }] : []), ...issueFields(e, bodyToForm)] as Parameters<typeof form.setFields>[0]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('fb.recordTitle')} okText={t('fb.save')} cancelText={t('fb.cancel')} onOk={() => void handleOk()} onCancel={onClose} confirmLoading={busy} width={720} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form noValidate form={form} layout="vertical" initialValues={{ unitId: desks[0]?.unitId, channel: 'phone', category: 'tthc', consent: false }}>
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
        <Form.Item name="category" label={t('fb.category')}>
          <Select options={feedbackCategories.map((c) => ({ value: c.code, label: getLang() === 'en' ? c.en : c.vi }))} />
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
        <Form.Item name="placeAddress" label={t('fb.placeAddress')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('fb.attach')}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            fileList={files.map((f) => ({ uid: f.sha256, name: f.fileName, status: 'done' as const }))}
            beforeUpload={(file) => {
              void handleUpload(file);
              return false;
            }}
            onRemove={(f) => setFiles((all) => all.filter((x) => x.sha256 !== f.uid))}
            disabled={files.length >= MAX_FILES}
          >
            <Button icon={<UploadOutlined />}>{t('fb.attach')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="consent" valuePropName="checked">
          <Checkbox>{t('fb.consent')}</Checkbox>
        </Form.Item>
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
