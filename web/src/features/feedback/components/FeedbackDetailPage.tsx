import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { formatDateTime, formatDueTime } from '../../../lib/format.js';
import { getLang, t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useUnits } from '../../../lib/units.js';
import { useAsync } from '../../../lib/use-async.js';
import { classify, feedbackFileUrl, getItem, plainStep, textStep, type Item } from '../api/feedback.js';
import { channelLabel, classificationLabel, classificationOptions, kindLabel, ratingLabel, dueColor, eventLabel, needsNote, needsTarget, type Classification } from './feedback-labels.js';

/**
 * One feedback item: what the sender wrote, its clocks and history, and the steps its status allows — classify
 * (ND 20/2008 Điều 9, or a complaint/denunciation routed out with a letter), ask for information, draft, approve or
 * return (leader), publish, give a reopened item back (head). The server decides who may; the buttons follow the status.
 */
export function FeedbackDetailPage({ id, listPath }: { id: string; listPath: string }) {
  const { message } = App.useApp();
  const q = useAsync(() => getItem(id), [id]);
  const units = useUnits();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [classification, setClassification] = useState<Classification>();
  const [classifyForm] = Form.useForm<{ classification: Classification; targetUnitId?: string; note?: string }>();
  const [textForm] = Form.useForm<{ text: string }>();
  const item = q.data;
  // After each step the box shows the draft as saved (the form keeps its own values once mounted, so initialValues
  // alone would leave the handler an empty box after "Lưu dự thảo, trình lãnh đạo").
  useEffect(() => {
    if (item && ['draft', 'request_info', 'return'].some((a) => item.allowedActions.includes(a))) textForm.setFieldsValue({ text: item.answerDraft ?? '' });
  }, [item, textForm]);

  async function run(step: () => Promise<Item>) {
    setBusy(true);
    setError(null);
    try {
      const updated = await step();
      message.success(t('fb.done', { status: updated.statusLabel }));
      textForm.resetFields();
      q.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  if (!item) return q.error ? <ErrorAlert error={q.error} /> : <Spin aria-label="…" />;
  const can = (a: string) => item.allowedActions.includes(a);
  const draftText = () => textForm.getFieldValue('text') as string;

  return (
    <>
      <PageTitle title={`${item.code} — ${item.subject}`} extra={<Link to={listPath}>← {t('fb.title')}</Link>} />
      <ErrorAlert error={error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag color="blue" data-testid="fb-status">
          {item.statusLabel}
        </Tag>
        {item.dueAt ? <Tag color={dueColor(item.dueState)}>{`${t('fb.due')}: ${formatDueTime(item.dueAt)}`}</Tag> : null}
        {item.lateSteps > 0 ? <Tag color="red">{`${t('fb.lateSteps')}: ${item.lateSteps}`}</Tag> : null}
      </Space>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('fb.sender')}>{[item.sender.name, item.sender.phone, item.sender.email, item.sender.address].filter(Boolean).join(' · ')}</Descriptions.Item>
        <Descriptions.Item label={t('fb.unit')}>{item.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('fb.channel')}>{`${channelLabel(item.channel)} · ${kindLabel(item.kind)}`}</Descriptions.Item>
        {item.classification ? <Descriptions.Item label={t('fb.classification')}>{classificationLabel(item.classification)}</Descriptions.Item> : null}
        {item.dossierCode ? <Descriptions.Item label={t('fb.dossier')}>{item.dossierCode}</Descriptions.Item> : null}
        {item.officerName ? <Descriptions.Item label={t('fb.officer')}>{item.officerName}</Descriptions.Item> : null}
        {item.place.address || item.place.latitude !== null ? <Descriptions.Item label={t('fb.place')}>{[item.place.address, item.place.latitude !== null ? `${item.place.latitude}, ${item.place.longitude}` : null].filter(Boolean).join(' · ')}</Descriptions.Item> : null}
        <Descriptions.Item label={t('fb.content')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>{item.content}</Typography.Paragraph>
        </Descriptions.Item>
        {item.files.length ? (
          <Descriptions.Item label={t('fb.files')}>
            {item.files.map((f, i) => (
              <span key={f.sha256}>
                {i > 0 ? ', ' : null}
                <a href={feedbackFileUrl(item.id, f.sha256)} download={f.fileName}>
                  {f.fileName}
                </a>
              </span>
            ))}
          </Descriptions.Item>
        ) : null}
        {item.answerText ? <Descriptions.Item label={t('fb.answer')}>{item.answerText}</Descriptions.Item> : null}
        {/* The saved draft stays in view while it waits for the leader, read-only where this officer may not edit it. */}
        {item.answerDraft && !item.answerText && !(can('draft') || can('request_info') || can('return')) ? (
          <Descriptions.Item label={t('fb.draft')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }} data-testid="fb-saved-draft">
              {item.answerDraft}
            </Typography.Paragraph>
          </Descriptions.Item>
        ) : null}
        {item.reopenReason ? <Descriptions.Item label={t('fb.reopenReason')}>{item.reopenReason}</Descriptions.Item> : null}
        {item.rating ? <Descriptions.Item label={t('fb.rating')}>{ratingLabel(item.rating)}</Descriptions.Item> : null}
      </Descriptions>

      {can('classify') ? (
        <Card title={t('fb.classify')} size="small" style={{ marginBottom: 16 }}>
          {item.complaintHint ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="fb-complaint-hint" title={t(item.complaintHint === 'complaint' ? 'fb.hintComplaint' : 'fb.hintDenunciation')} /> : null}
          <Form noValidate form={classifyForm} layout="vertical" onFinish={(v) => void run(() => classify(id, { classification: v.classification, targetUnitId: needsTarget(v.classification) ? (v.targetUnitId ?? null) : null, note: v.note || null }))}>
            <Form.Item name="classification" label={t('fb.classification')} rules={[{ required: true }]}>
              <Select
                options={classificationOptions()}
                onChange={(v: Classification) => {
                  setClassification(v);
                  // A target is sent only with a transfer (the server refuses it otherwise): a class that takes none drops
                  // the unit chosen before; between two transfers (conduct ↔ outside competence) it stays.
                  if (!needsTarget(v)) classifyForm.setFieldValue('targetUnitId', undefined);
                }}
              />
            </Form.Item>
            {needsTarget(classification) ? (
              <Form.Item name="targetUnitId" label={t('fb.target')} rules={[{ required: true }]}>
                <UnitSelect units={units.data ?? []} loading={units.loading} aria-label={t('fb.target')} />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('fb.note')} rules={[{ required: needsNote(classification), min: 5 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('fb.classify')}
            </Button>
          </Form>
        </Card>
      ) : null}

      {can('draft') || can('request_info') || can('return') ? (
        <Card title={t('fb.draft')} size="small" style={{ marginBottom: 16 }}>
          <Form noValidate form={textForm} layout="vertical" initialValues={{ text: item.answerDraft ?? '' }}>
            <Form.Item name="text" label={t('fb.answer')} rules={[{ required: true, min: 5 }]}>
              <Input.TextArea rows={5} />
            </Form.Item>
          </Form>
          <Space wrap>
            {can('draft') ? (
              <Button type="primary" loading={busy} onClick={() => void run(() => textStep('/api/feedback/{id}/draft', id, draftText()))}>
                {t('fb.saveDraft')}
              </Button>
            ) : null}
            {can('request_info') ? (
              <Button loading={busy} onClick={() => void run(() => textStep('/api/feedback/{id}/request-info', id, draftText()))}>
                {t('fb.requestInfo')}
              </Button>
            ) : null}
            {can('return') ? (
              <Button danger loading={busy} onClick={() => void run(() => textStep('/api/feedback/{id}/return', id, draftText()))}>
                {t('fb.return')}
              </Button>
            ) : null}
          </Space>
        </Card>
      ) : null}

      {/* Four eyes: the author of the draft is told why they see no "approve" (another leader approves it). */}
      {item.blockedActions.length > 0 ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="fb-own-draft" title={getLang() === 'en' ? item.blockedActions[0]!.reasonEn : item.blockedActions[0]!.reason} />
      ) : null}
      <Space wrap style={{ marginBottom: 16 }}>
        {can('approve') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => plainStep('/api/feedback/{id}/approve', id))}>
            {t('fb.approve')}
          </Button>
        ) : null}
        {can('publish') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => plainStep('/api/feedback/{id}/publish', id))}>
            {t('fb.publish')}
          </Button>
        ) : null}
        {can('resume') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => plainStep('/api/feedback/{id}/resume', id))}>
            {t('fb.resume')}
          </Button>
        ) : null}
      </Space>

      {item.status === 'routed_out' ? (
        <p>
          <a href={`/api/feedback/${item.id}/letter.pdf`} target="_blank" rel="noreferrer" data-testid="fb-letter">
            {t('fb.letterPdf')}
          </a>
        </p>
      ) : null}

      {item.publicPreview && (can('publish') || can('approve')) ? (
        <Card title={t('fb.preview')} size="small" style={{ marginBottom: 16 }} data-testid="fb-preview">
          <Typography.Paragraph type="secondary">{t('fb.previewHint')}</Typography.Paragraph>
          {item.personalHints.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="fb-personal-hints"
              title={t('fb.personalHints')}
              description={
                <ul style={{ margin: 0 }}>
                  {item.personalHints.map((h) => (
                    <li key={`${h.kind}:${h.text}`}>{`${t(`fb.hint.${h.kind}`)}: ${h.text}`}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Typography.Paragraph strong>{item.publicPreview.subject}</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>{item.publicPreview.content}</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>{item.publicPreview.answer}</Typography.Paragraph>
        </Card>
      ) : null}

      <Card title={t('fb.history')} size="small">
        <Timeline
          items={[
            ...item.events.map((e) => ({
              at: e.at,
              color: e.onTime === false ? 'red' : 'blue',
              content: `${formatDateTime(e.at)} — ${e.actorName}: ${eventLabel(e.action)}${e.note ? ` (${e.note})` : ''}`,
            })),
            // What was sent to the sender, and on which channel; an SMS sent because the e-mail failed says so.
            ...(item.messages ?? []).map((m) => ({
              at: m.at,
              color: m.status === 'failed' ? 'red' : 'gray',
              content: `${formatDateTime(m.at)} — ${t(m.isFallback ? 'fb.msg.fallback' : 'fb.msg.sent', { channel: m.channel === 'sms' ? 'SMS' : 'e-mail', to: m.recipient })}: ${t(`fb.msg.${m.status === 'failed' ? 'failed' : m.status === 'sent' ? 'delivered' : 'pending'}`)}`,
            })),
          ]
            .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
            .map(({ color, content }) => ({ color, content }))}
        />
      </Card>
    </>
  );
}
