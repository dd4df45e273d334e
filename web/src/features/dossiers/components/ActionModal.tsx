import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { DATE_TIME_PICKER_FORMAT, formatDueTime, instantOfPicker, vnWallClock } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useUnits } from '../../../lib/units.js';
import { actOnDossier, type ActionInput } from '../api/act-on-dossier.js';
import { listAssignees, type Assignee } from '../api/list-assignees.js';
import { getApologyDays, type AppointmentDay } from '../api/apology-days.js';
import type { Dossier, DossierAction } from '../api/get-dossier.js';
import { actionSpec } from '../../../../../server/src/modules/dossiers/dossier-actions.rules.js';
import { actionLabel } from './dossier-labels.js';
import { foldSearch } from '../../../lib/fold-search.js';

type Values = { note?: string; backTo?: number; newDueAt?: Dayjs | null; receivedBy?: string; targetUnitId?: string | null; assigneeId?: string };

/** What an action needs and how it looks come from the server's one action table (dossier-actions.rules.ts). */
const needs = (a: DossierAction | null) => (a ? actionSpec[a].needs : null);
const noteRequired = (a: DossierAction | null) => a !== null && actionSpec[a].note === 'required';

type Sessions = AppointmentDay['sessions'];
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The hours and minutes of a day outside its working sessions (a session's end included: a due time may land there). */
function offHours(sessions: Sessions | undefined) {
  const open = (m: number) => (sessions ?? []).some((x) => m >= minutesOf(x.start) && m <= minutesOf(x.end));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    disabledHours: () => range(24).filter((h) => !range(60).some((m) => open(h * 60 + m))),
    disabledMinutes: (h: number) => range(60).filter((m) => !open(h * 60 + m)),
  };
}

type Props = { dossier: Dossier; action: DossierAction | null; onClose: () => void; onDone: (action: DossierAction) => void };

/**
 * Confirms one action with what the action table says it needs: a note (required where the law asks for a reason), the
 * step to send back to, the officer to assign, the partner unit, the new appointment of an apology (Vietnam time), or
 * who collected the result.
 */
export function ActionModal({ dossier, action, onClose, onDone }: Props) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const dueDay = dossier.dueAt ? vnWallClock(dossier.dueAt).slice(0, 10) : null;
  const units = useUnits();
  const [assignees, setAssignees] = useState<Assignee[] | null>(null);
  // The days the new appointment may take, asked when the letter's form opens (null while they come).
  const [days, setDays] = useState<AppointmentDay[] | null>(null);
  const sessionsOf = new Map((days ?? []).map((w) => [w.date, w.sessions]));

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      backTo: needs(action) === 'backTo' ? Math.max(0, dossier.stepIndex - 1) : undefined,
      receivedBy: needs(action) === 'receivedBy' ? dossier.applicant.fullName : undefined,
    });
    setAssignees(null);
    setDays(null);
    if (needs(action) === 'assigneeId') listAssignees(dossier.id).then(setAssignees, setError);
    if (needs(action) === 'newDueAt') getApologyDays(dossier.id).then(setDays, setError);
  }, [action, dossier, form]);

  const handleFinish = async (v: Values) => {
    if (!action) return;
    const input: ActionInput = { action, note: v.note?.trim() || null };
    const need = needs(action);
    if (need === 'backTo') input.backTo = v.backTo;
    if (need === 'targetUnitId' && v.targetUnitId) input.targetUnitId = v.targetUnitId;
    if (need === 'newDueAt' && v.newDueAt) input.newDueAt = instantOfPicker(v.newDueAt);
    if (need === 'receivedBy' && v.receivedBy?.trim()) input.receivedBy = v.receivedBy.trim();
    if (need === 'assigneeId') input.assigneeId = v.assigneeId;
    setBusy(true);
    setError(null);
    try {
      await actOnDossier(dossier.id, input);
      onDone(action);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const noteLabel =
    action === 'request_supplement'
      ? t('dossier.supplementNote')
      : action === 'transfer'
        ? t('dossier.transferNote')
      : action === 'apologise'
        ? t('dossier.apologyReason')
          : noteRequired(action)
            ? t('dossier.reasonNote')
            : t('dossier.noteOptional');

  return (
    <Modal
      open={action !== null}
      title={action ? actionLabel(action) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={action ? actionLabel(action) : t('dossier.confirm')}
      okButtonProps={{ danger: action !== null && actionSpec[action].tone === 'danger' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
    >
      <p className="muted">
        {dossier.code ?? t('dossier.noCode')} · {dossier.procedureName}
      </p>
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={(v) => void handleFinish(v)}>
        {needs(action) === 'backTo' ? (
          <Form.Item name="backTo" label={t('dossier.backTo')} rules={[{ required: true, message: t('dossier.backToRequired') }]}>
            <Select options={dossier.steps.filter((s) => s.stepIndex < dossier.stepIndex).map((s) => ({ value: s.stepIndex, label: t('dossier.stepN', { n: s.stepIndex + 1, name: s.name }) }))} />
          </Form.Item>
        ) : null}
        {needs(action) === 'assigneeId' ? (
          <Form.Item name="assigneeId" label={t('dossier.assignee')} rules={[{ required: true, message: t('dossier.assigneeRequired') }]}>
            <Select loading={assignees === null} showSearch={foldSearch()} options={(assignees ?? []).map((a) => ({ value: a.userId, label: `${a.fullName} (${a.username})` }))} />
          </Form.Item>
        ) : null}
        {needs(action) === 'targetUnitId' ? (
          <Form.Item name="targetUnitId" label={t('dossier.targetUnit')} rules={[{ required: true, message: t('dossier.targetUnitRequired') }]}>
            <UnitSelect units={(units.data ?? []).filter((u) => u.kind !== 'desk')} />
          </Form.Item>
        ) : null}
        {needs(action) === 'newDueAt' ? (
          <>
            <Alert type="info" showIcon title={t('dossier.apologyHint', { due: formatDueTime(dossier.dueAt) })} style={{ marginBottom: 8 }} />
            {dossier.apology.late ? <Alert type="warning" showIcon title={t('apology.late')} style={{ marginBottom: 8 }} /> : null}
            {dossier.apology.signer ? (
              <p className="muted">{t('apology.signer', { capacity: dossier.apology.signer.capacity.join(' / '), name: dossier.apology.signer.name })}</p>
            ) : null}
            {/* Enter confirms the typed date in the picker; it never submits the letter (the form would submit on Enter). */}
            <div onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
            <Form.Item name="newDueAt" label={t('dossier.newDueAt')} rules={[{ required: true, message: t('dossier.newDueAtRequired') }]}>
              <DatePicker
                disabled={days === null}
                placeholder={days === null ? t('common.loading') : undefined}
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                needConfirm={false}
                format={DATE_TIME_PICKER_FORMAT}
                style={{ width: '100%' }}
                // Only working days and hours of the working calendar (the server refuses any other appointment).
                disabledDate={(d) => (dueDay !== null && d.format('YYYY-MM-DD') < dueDay) || !sessionsOf.has(d.format('YYYY-MM-DD'))}
                disabledTime={(d) => offHours(d ? sessionsOf.get(d.format('YYYY-MM-DD')) : undefined)}
                defaultPickerValue={dueDay ? dayjs(dueDay).add(1, 'day') : undefined}
              />
            </Form.Item>
            </div>
          </>
        ) : null}
        {needs(action) === 'receivedBy' ? (
          <Form.Item name="receivedBy" label={t('dossier.receivedBy')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={noteLabel} rules={[{ required: noteRequired(action), whitespace: true, message: t('dossier.noteRequired') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
