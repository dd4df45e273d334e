import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Radio, Result, Row, Select, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { feeLines, feeTotal } from '../../../../../server/src/modules/procedures/fee.rules.js';
import { lookupApplicant } from '../api/lookup-applicant.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { ApiError, errorText, issueFields } from '../../../lib/api-client.js';
import { formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { processingTimeText, roleLabel } from '../../../lib/labels.js';
import { isClosed, useUnits, type Unit } from '../../../lib/units.js';
import { getProcedure, type IntakeProcedure } from '../api/get-procedure.js';
import { receiveDossier, type IntakeInput, type IntakeReceipt } from '../api/receive-dossier.js';
import { uploadDossierFile } from '../api/upload-dossier-file.js';
import { ApplicantFields } from './ApplicantFields.js';
import { applicantFacts, FirstTryRecorded, rememberUnanswered, unansweredKey } from './IntakeFirstTry.js';
import { PopulationLookup } from './PopulationLookup.js';
import { DocumentChecklist, type ChecklistRow } from './DocumentChecklist.js';
import { deliveryLabel, resultDeliveries } from './dossier-labels.js';
import { EformFields } from './EformFields.js';
import { eformFields, eformValue } from './eform-schema.js';
import { useEformPrefill, type IntakeApplicant } from './use-eform-prefill.js';
import { CitizenHelp } from './CitizenHelp.js';
import { IntakeDone } from './IntakeDone.js';
import { OutcomeModal, type NotAccepted } from './OutcomeModal.js';
import { ProcedurePicker } from './ProcedurePicker.js';
import { ScanPicker, type PendingScan } from './ScanPicker.js';

export type DeskUnit = { unitId: string; unitName: string };
type Outcome = IntakeInput['outcome'];
type Values = {
  procedureId?: string;
  receivingUnitId?: string;
  resolvingUnitId?: string;
  applicant: IntakeApplicant;
  documents: ChecklistRow[];
  eform?: Record<string, unknown>;
  /** "Đã thu tiền mặt tại quầy": the fee (the one rule's, for these answers) was paid in cash now. */
  paidCash?: boolean;
  resultDelivery: (typeof resultDeliveries)[number];
};
type Done = { dossier: IntakeReceipt; outcome: Outcome; uploaded: number; failures: string[] };
type Lookup = { state: 'busy' } | { state: 'none' } | { state: 'found'; sources: string[] };

/** A fresh idempotency key per filled form (kept across retries of the same form). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** The top-level unit (province) above a unit. */
function provinceOf(units: readonly Unit[], id: string | undefined): string | undefined {
  const byId = new Map(units.map((u) => [u.id, u]));
  let u = id ? byId.get(id) : undefined;
  while (u?.parentId && byId.has(u.parentId)) u = byId.get(u.parentId);
  return u?.id;
}

/**
 * Tiếp nhận hồ sơ at the one-stop desk (ND 61/2018 Điều 17; ND 118/2025 Điều 17): pick the procedure, record the
 * applicant, tick the documents received, fill the e-form, attach the scans, and record one of the three outcomes.
 */
export function IntakePage({ desks, dossierPath }: { desks: DeskUnit[]; dossierPath: (id: string) => string }) {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const units = useUnits();
  const [key, setKey] = useState(newKey);
  const [procedure, setProcedure] = useState<IntakeProcedure | null>(null);
  const [procError, setProcError] = useState<unknown>(null);
  const [scans, setScans] = useState<PendingScan[]>([]);
  const [asking, setAsking] = useState<'incomplete' | 'refuse' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  /** What the last press sent: "record as new" sends it again under a new key. */
  const lastInput = useRef<IntakeInput | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const lookedUp = useRef('');
  const receivingUnitId = Form.useWatch('receivingUnitId', form);
  // `preserve`: the names of the procedure's documents are values without an input of their own.
  const documents = (Form.useWatch('documents', { form, preserve: true }) as ChecklistRow[] | undefined) ?? [];

  const content = procedure?.current.content;
  const fields = useMemo(() => eformFields(content?.eform), [content]);
  const allUnits = units.data ?? [];
  const prefill = useEformPrefill(form, content?.eform ?? null, fields);
  // The fee is the procedure's rule applied to the answers (per copy asked, exempt when 0), the rule the portal and the
  // server use: one computation, shown here, recorded by the server.
  const answers = Form.useWatch('eform', { form, preserve: true }) as Record<string, unknown> | undefined;
  const fee = useMemo(() => {
    const lines = feeLines(content?.fees ?? [], { eform: fields.length > 0 ? eformValue(fields, answers) : null, channel: 'desk' });
    return { lines, total: feeTotal(lines) };
  }, [content, fields, answers]);
  const paidCash = Form.useWatch('paidCash', form) === true;
  const applicantKind = Form.useWatch(['applicant', 'kind'], form) as string | undefined;
  // Nothing to take in cash when the answers make the dossier free.
  useEffect(() => {
    if (paidCash && fee.total === 0) form.setFieldValue('paidCash', false);
  }, [paidCash, fee.total, form]);

  /** A complete CCCD typed (or read from the card's chip) at once fills the applicant the province already knows. */
  const handleIdNumber = async (value: string) => {
    const id = value.replace(/\s+/g, '');
    if (id === lookedUp.current) return;
    if (form.getFieldValue(['applicant', 'kind']) === 'organisation' || !/^\d{12}$/.test(id)) {
      // What was said of the last number looked up is not about this one.
      lookedUp.current = '';
      return setLookup(null);
    }
    lookedUp.current = id;
    setLookup({ state: 'busy' });
    // What the officer types while the look-up is on its way is theirs: only the fields left as they were are filled.
    const before = applicantFacts(form.getFieldValue('applicant'));
    try {
      const r = await lookupApplicant(id);
      if (lookedUp.current !== id) return;
      if (!r.found || !r.applicant) return setLookup({ state: 'none' });
      const a = r.applicant;
      const known = { fullName: a.fullName, birthDate: a.birthDate ? dayjs(a.birthDate) : null, address: a.address ?? undefined, phone: a.phone ?? undefined, email: a.email ?? undefined };
      const now = applicantFacts(form.getFieldValue('applicant'));
      const untouched = Object.fromEntries(Object.entries(known).filter(([f]) => now[f as keyof typeof now] === before[f as keyof typeof before]));
      form.setFieldsValue({ applicant: { kind: 'citizen', idNumber: id, ...untouched } });
      prefill.followApplicant();
      setLookup({ state: 'found', sources: a.sources });
    } catch {
      // The look-up only saves typing: when it fails the officer types as before.
      lookedUp.current = '';
      setLookup(null);
    }
  };
  const province = provinceOf(allUnits, receivingUnitId);
  const competentUnits = allUnits.filter((u) => u.kind !== 'desk' && u.kind !== 'office' && !isClosed(u) && provinceOf(allUnits, u.id) === province);

  // The competent unit defaults to the unit above the desk (the commune or the department the desk serves).
  useEffect(() => {
    const desk = allUnits.find((u) => u.id === receivingUnitId);
    if (desk?.parentId && !form.getFieldValue('resolvingUnitId')) form.setFieldValue('resolvingUnitId', desk.parentId);
  }, [receivingUnitId, units.data, form]);

  const handleProcedure = async (id: string) => {
    setProcError(null);
    setProcedure(null);
    try {
      const p = await getProcedure(id);
      setProcedure(p);
      const c = p.current.content;
      // A new form starts with its own defaults (dân tộc "Kinh", quốc tịch "Việt Nam"), the applicant's facts over them.
      form.setFieldsValue({
        documents: c.documents.map((d) => ({ received: false, name: d.name, kind: d.kind, count: d.count, required: d.required, fromProcedure: true })),
        resultDelivery: 'desk',
        paidCash: false,
      });
      prefill.start(c.eform);
    } catch (err) {
      setProcError(err);
    }
  };

  const missingRequired = documents.filter((d) => d.required && !d.received);
  // This form's first press was recorded (its answer was lost), and the form has changed since: the dossier that exists.
  const firstTry = error instanceof ApiError && error.code === 'DOSSIER.IDEMPOTENCY_KEY_REUSED' && typeof error.details?.dossierId === 'string'
    ? { dossierId: error.details.dossierId, code: typeof error.details.code === 'string' ? error.details.code : null }
    : null;

  const buildInput = (outcome: Outcome, extra: NotAccepted = { missing: [], reason: null }): IntakeInput => {
    const v = form.getFieldsValue(true) as Values;
    const a = v.applicant;
    return {
      idempotencyKey: key,
      procedureId: v.procedureId!,
      receivingUnitId: v.receivingUnitId!,
      resolvingUnitId: v.resolvingUnitId!,
      applicant: {
        kind: a.kind,
        idNumber: a.idNumber!.trim(),
        fullName: a.fullName!.trim(),
        birthDate: a.kind === 'citizen' && a.birthDate ? a.birthDate.format('YYYY-MM-DD') : null,
        address: blank(a.address),
        phone: blank(a.phone),
        email: blank(a.email),
      },
      documents: (v.documents ?? []).filter((d) => d.received && d.name.trim()).map((d) => ({ name: d.name.trim(), kind: d.kind, count: d.count || 1 })),
      eform: fields.length > 0 ? eformValue(fields, v.eform) : null,
      // With cash taken, the amount the officer saw: the server refuses it if the rule says otherwise.
      feeVnd: v.paidCash && outcome === 'accept' ? fee.total : undefined,
      paidCash: !!v.paidCash && outcome === 'accept',
      resultDelivery: v.resultDelivery,
      outcome,
      missing: extra.missing,
      reason: extra.reason,
    };
  };

  const submit = async (typed: IntakeInput) => {
    const earlier = unansweredKey(typed);
    const input = earlier ? { ...typed, idempotencyKey: earlier } : typed;
    if (earlier) setKey(earlier);
    lastInput.current = input;
    setBusy(true);
    setError(null);
    try {
      let dossier: IntakeReceipt;
      try {
        dossier = await receiveDossier(input);
        rememberUnanswered(null);
      } catch (err) {
        // No answer at all (status 0): the server may have recorded it. Any answer says what became of this key.
        rememberUnanswered(err instanceof ApiError && err.status !== 0 ? null : input);
        throw err;
      }
      let uploaded = 0;
      const failures: string[] = [];
      if (input.outcome === 'accept') {
        for (const s of scans) {
          try {
            await uploadDossierFile(dossier.id, s.file, s.documentName || s.file.name, 'component');
            uploaded++;
          } catch (err) {
            failures.push(t('intake.scanFailed', { name: s.file.name, reason: errorText(err) }));
          }
        }
      }
      setAsking(null);
      setDone({ dossier, outcome: input.outcome, uploaded, failures });
      window.scrollTo(0, 0);
    } catch (err) {
      // The key stays: retrying this form can never create a second dossier.
      setError(err);
      // Refused input is said under its field too (the form's names are the request's: applicant.phone…).
      form.setFields(issueFields(err));
    } finally {
      setBusy(false);
    }
  };

  /** Validates the given fields (all when none), scrolling to the first problem; false when something is wrong. */
  const validate = async (names?: Parameters<typeof form.validateFields>[0]) => {
    try {
      await (names ? form.validateFields(names) : form.validateFields());
      return true;
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      return false;
    }
  };

  const handleAccept = async () => {
    if (!(await validate())) return;
    if (missingRequired.length === 0) return void submit(buildInput('accept'));
    modal.confirm({
      title: t('intake.missingRequired', { list: missingRequired.map((d) => d.name).join('; ') }),
      icon: <ExclamationCircleOutlined />,
      okText: t('intake.acceptAnyway'),
      cancelText: t('common.cancel'),
      onOk: () => submit(buildInput('accept')),
    });
  };

  const handleNotAccepted = async (outcome: 'incomplete' | 'refuse') => {
    if (!(await validate(['procedureId', 'receivingUnitId', 'resolvingUnitId', ['applicant', 'idNumber'], ['applicant', 'fullName'], ['applicant', 'phone'], ['applicant', 'email']]))) return;
    setError(null);
    setAsking(outcome);
  };

  const handleAnother = () => {
    setDone(null);
    setProcedure(null);
    setScans([]);
    setError(null);
    setKey(newKey());
    setLookup(null);
    lookedUp.current = '';
    prefill.reset();
    form.resetFields();
    form.setFieldValue('resolvingUnitId', allUnits.find((u) => u.id === desks[0]?.unitId)?.parentId ?? undefined);
  };

  if (desks.length === 0) return <Result status="403" title={t('intake.title')} subTitle={t('intake.noDesk')} />;
  if (done) return <IntakeDone {...done} dossierPath={dossierPath} onAnother={handleAnother} />;

  const documentNames = documents.filter((d) => d.received && d.name).map((d) => d.name);
  return (
    <>
      <PageTitle title={t('intake.title')} />
      <Form<Values>
        noValidate
        form={form}
        layout="vertical"
        initialValues={{ receivingUnitId: desks[0]?.unitId, applicant: { kind: 'citizen' }, documents: [], resultDelivery: 'desk' }}
        scrollToFirstError
        onValuesChange={(changed: Partial<Values>) => {
          // The e-form's applicant fields follow the applicant fields as they are typed, its conditional ones the answers.
          if (changed.applicant) prefill.followApplicant();
          if (changed.eform) prefill.followAnswers();
        }}
      >
        <Card title={<h3 className="section-title">{t('intake.procedure')}</h3>} size="small" className="intake-card">
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="procedureId" label={t('intake.procedure')} rules={[{ required: true, message: t('intake.procedureRequired') }]}>
                <ProcedurePicker receivingUnitId={receivingUnitId} onPicked={(id) => void handleProcedure(id)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="receivingUnitId" label={t('intake.receivingUnit')} rules={[{ required: true }]}>
                <Select options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} onChange={() => form.setFieldValue('resolvingUnitId', undefined)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="resolvingUnitId" label={t('intake.resolvingUnit')} tooltip={t('intake.resolvingUnitHint')} rules={[{ required: true, message: t('common.pickUnit') }]}>
                <UnitSelect units={competentUnits} />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={procError ?? units.error} />
          {content ? (
            <Typography.Paragraph className="muted" style={{ marginBottom: 0 }}>
              {t('intake.processingTime', { time: processingTimeText(content.processingTime) })} ·{' '}
              {t('intake.steps', { steps: content.steps.map((s) => `${s.name} (${roleLabel(s.role)})`).join(' → ') })}
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph className="muted" style={{ marginBottom: 0 }}>
              {t('intake.pickProcedure')}
            </Typography.Paragraph>
          )}
        </Card>

        <Card title={<h3 className="section-title">{t('intake.applicant')}</h3>} size="small" className="intake-card">
          <ApplicantFields
            onIdNumber={(v) => void handleIdNumber(v)}
            lookupNote={
              lookup && applicantKind !== 'organisation' ? (
                <Alert
                  role="status"
                  showIcon
                  style={{ marginBottom: 12 }}
                  type={lookup.state === 'found' ? 'success' : 'info'}
                  title={
                    lookup.state === 'busy'
                      ? t('desk.lookupBusy')
                      : lookup.state === 'none'
                        ? t('desk.lookupNone')
                        : t('desk.lookupFound', { source: lookup.sources.map((x) => (x === 'earlier_dossier' ? t('desk.sourceDossier') : t('desk.sourceAccount'))).join(', ') })
                  }
                />
              ) : null
            }
          />
          <PopulationLookup purpose={t('population.purposeDefault', { name: content?.name ?? '' })} />
        </Card>

        {content ? (
          <>
            <Card title={<h3 className="section-title">{t('intake.documents')}</h3>} size="small" className="intake-card">
              <DocumentChecklist />
            </Card>
            <Card title={<h3 className="section-title">{t('intake.eform')}</h3>} size="small" className="intake-card">
              <EformFields fields={fields} origins={prefill.origins} />
            </Card>
            <Card title={<h3 className="section-title">{t('intake.scans')}</h3>} size="small" className="intake-card">
              <ScanPicker scans={scans} documentNames={documentNames.length > 0 ? documentNames : documents.map((d) => d.name)} onChange={setScans} />
            </Card>
            <Card title={<h3 className="section-title">{t('intake.feeAndDelivery')}</h3>} size="small" className="intake-card">
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('intake.fee')}
                    extra={content.fees.length === 0 ? t('intake.noFees') : fee.lines.length > 0 ? fee.lines.map((l) => (l.quantity > 1 ? `${l.name}: ${formatVnd(l.unitVnd)} × ${l.quantity}` : `${l.name}: ${formatVnd(l.amountVnd)}`)).join('; ') : undefined}
                  >
                    <Typography.Text strong data-testid="intake-fee">
                      {fee.total > 0 ? formatVnd(fee.total) : t('intake.feeExempt')}
                    </Typography.Text>
                  </Form.Item>
                  {fee.total > 0 ? (
                    <Form.Item name="paidCash" valuePropName="checked" extra={paidCash ? t('intake.paidCashNote', { amount: formatVnd(fee.total) }) : undefined}>
                      <Checkbox>{t('intake.paidCash')}</Checkbox>
                    </Form.Item>
                  ) : null}
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item name="resultDelivery" label={t('intake.resultDelivery')}>
                    <Radio.Group options={resultDeliveries.map((d) => ({ value: d, label: deliveryLabel(d) }))} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </>
        ) : null}

        <Card title={<h3 className="section-title">{t('intake.outcome')}</h3>} size="small" className="intake-card intake-actions">
          {firstTry && !asking ? (
            <FirstTryRecorded
              error={error}
              first={firstTry}
              dossierPath={dossierPath}
              busy={busy}
              onAsNew={() => {
                // The officer says this is another dossier: what they sent, under a new key, recorded now.
                const fresh = newKey();
                setKey(fresh);
                if (lastInput.current) void submit({ ...lastInput.current, idempotencyKey: fresh });
              }}
            />
          ) : (
            <ErrorAlert error={asking ? null : error} />
          )}
          <Flex gap={12} wrap>
            <Button type="primary" size="large" icon={<CheckCircleOutlined />} loading={busy && !asking} disabled={!content} onClick={() => void handleAccept()}>
              {t('intake.accept')}
            </Button>
            <Button size="large" icon={<ExclamationCircleOutlined />} disabled={!content || busy} onClick={() => void handleNotAccepted('incomplete')}>
              {t('intake.incomplete')}
            </Button>
            <Button size="large" danger icon={<CloseCircleOutlined />} disabled={!content || busy} onClick={() => void handleNotAccepted('refuse')}>
              {t('intake.refuse')}
            </Button>
          </Flex>
        </Card>
        <Card title={<h3 className="section-title">{t('intake.citizenHelp')}</h3>} size="small" className="intake-card">
          <CitizenHelp getInput={() => buildInput('accept')} validate={validate} disabled={!content || busy} />
        </Card>
      </Form>
      <OutcomeModal
        outcome={asking}
        initialMissing={missingRequired.map((d) => ({ name: d.name, count: d.count }))}
        busy={busy}
        error={error}
        onCancel={() => setAsking(null)}
        onSubmit={(extra) => asking && void submit(buildInput(asking, extra))}
      />
    </>
  );
}
