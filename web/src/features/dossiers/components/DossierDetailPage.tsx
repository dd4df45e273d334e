import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Flex, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { DownOutlined, PrinterOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime, formatVnd, vnWallClock } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { navigate, useLocation } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { dossierDeclarationUrl, dossierFormUrl } from '../api/dossier-form-url.js';
import { getDossier, type Dossier, type DossierAction } from '../api/get-dossier.js';
import { listDossierFiles } from '../api/list-dossier-files.js';
import { actionSpec, oneClickActions } from '../../../../../server/src/modules/dossiers/dossier-actions.rules.js';
import { actOnDossier, type ActionInput } from '../api/act-on-dossier.js';
import { forwardCandidates, undoForward, type ForwardCandidates } from '../api/forward.js';
import { ActionModal } from './ActionModal.js';
import {
  actionLabel,
  applicantKindLabel,
  channelLabel,
  currentStep,
  deadlineColor,
  deadlineLabel,
  deliveryLabel,
  finishColor,
  finishLabel,
  statusColor,
  statusLabel,
} from './dossier-labels.js';
import { availableForms } from './dossier-forms.js';
import { EformAnswers } from './EformAnswers.js';
import { FilesCard } from './FilesCard.js';
import { HistoryTable } from './HistoryTable.js';
import { StepsTimeline } from './StepsTimeline.js';


/** `feeCard`: the fee and payments card, composed in by the console (features do not import each other). */
type Props = { id: string; listPath: string; feeCard?: (d: Dossier) => ReactNode };

function DueTime({ d }: { d: Dossier }) {
  return (
    <Flex gap={8} align="center" wrap>
      <strong>{formatDueTime(d.dueAt)}</strong>
      {d.deadlineState ? <Tag color={deadlineColor(d.deadlineState)}>{deadlineLabel(d.deadlineState)}</Tag> : null}
      {d.originalDueAt ? <Tag color="purple">{t('dossier.newDue')}</Tag> : null}
    </Flex>
  );
}

/**
 * One dossier: header with code, status and appointment (and the first appointment when re-appointed), the applicant,
 * the steps with their due and finish times, the scans, the full history, and only the actions the server allows
 * this officer now.
 */
export function DossierDetailPage({ id, listPath, feeCard }: Props) {
  const detail = useAsync(() => getDossier(id), [id]);
  const files = useAsync(() => listDossierFiles(id), [id]);
  const [action, setAction] = useState<DossierAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [candidates, setCandidates] = useState<ForwardCandidates | null>(null);
  const { message } = App.useApp();
  const d = detail.data;
  const canForward = !!d?.allowedActions.includes('forward');
  // Opened from a queue row's action ("Trả kết quả"): its form opens at once, if the server still offers it.
  const asked = useLocation().search.get('action');
  useEffect(() => {
    if (!d || !asked) return;
    const wanted = d.allowedActions.find((a) => a === asked);
    if (wanted) setAction(wanted);
    navigate(window.location.pathname, { replace: true });
  }, [d, asked]);

  // Who may receive the dossier at the next step, for the forward button's menu.
  useEffect(() => {
    setCandidates(null);
    if (canForward) forwardCandidates(id).then(setCandidates, () => setCandidates(null));
  }, [id, canForward, d?.stepIndex]);

  if (!d) {
    return (
      <>
        <ErrorAlert error={detail.error} />
        {detail.error ? <Button onClick={() => navigate(listPath)}>{t('common.back')}</Button> : <Skeleton active paragraph={{ rows: 12 }} />}
      </>
    );
  }

  const handleDone = (done: DossierAction) => {
    setAction(null);
    message.success(t('dossier.actionDone', { action: actionLabel(done) }));
    detail.reload();
    files.reload();
  };
  // One click for what can be taken back (NĐ 224/2026 Điều 23): a forward offers its undo right after.
  const runNow = async (input: ActionInput) => {
    setBusy(true);
    setActionError(null);
    try {
      await actOnDossier(d.id, input);
      message.success(input.action === 'forward' && candidates ? t('forward.done', { step: candidates.stepName }) : t('dossier.actionDone', { action: actionLabel(input.action) }));
      detail.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleUndo = async () => {
    setBusy(true);
    setActionError(null);
    try {
      await undoForward(d.id);
      message.success(t('undo.done'));
      detail.reload();
    } catch (err) {
      setActionError(err);
      detail.reload();
    } finally {
      setBusy(false);
    }
  };
  const actionButton = (a: DossierAction) => {
    const primary = actionSpec[a].tone === 'primary';
    if (a === 'forward') {
      // Until the receivers are known the menu says so, rather than a queue with no unit's name.
      const items = candidates
        ? [
            { key: '', label: t('forward.toQueue', { unit: candidates.unitName }) },
            ...candidates.officers.map((o) => ({ key: o.userId, label: t('forward.toOfficer', { name: o.fullName }) })),
          ]
        : [{ key: 'loading', label: t('common.loading'), disabled: true }];
      return (
        <Space.Compact key={a}>
          <Button type="primary" loading={busy} onClick={() => void runNow({ action: 'forward', note: null })}>
            {actionLabel(a)}
          </Button>
          <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => void runNow({ action: 'forward', note: null, ...(key ? { assigneeId: key } : {}) }) }}>
            <Button type="primary" icon={<DownOutlined />} aria-label={t('forward.choose')} disabled={busy} />
          </Dropdown>
        </Space.Compact>
      );
    }
    if (oneClickActions.includes(a)) {
      return (
        <Button key={a} type={primary ? 'primary' : 'default'} loading={busy} onClick={() => void runNow({ action: a, note: null })}>
          {actionLabel(a)}
        </Button>
      );
    }
    return (
      <Button key={a} type={primary ? 'primary' : 'default'} danger={actionSpec[a].tone === 'danger'} onClick={() => setAction(a)}>
        {actionLabel(a)}
      </Button>
    );
  };
  // A letter that cannot be issued is shown disabled with the reason, known before any form opens.
  const apologyBlocked = !d.allowedActions.includes('apologise') && !d.apology.possible && d.apology.reason && (actionSpec.apologise.from as readonly string[]).includes(d.status);
  const forms = availableForms(d);
  const canAttach = d.allowedActions.some((a) => a === 'forward' || a === 'approve' || a === 'return_result');
  const lastStep = d.steps.length > 0 && d.stepIndex >= d.steps.length - 1;

  return (
    <>
      <Typography.Text type="secondary">
        <a
          href={listPath}
          onClick={(e) => {
            e.preventDefault();
            navigate(listPath);
          }}
        >
          ← {t('dossier.title')}
        </a>
      </Typography.Text>
      <Flex justify="space-between" align="start" wrap gap={12} className="detail-header">
        <div>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
            <span className="mono-title">{d.code ?? t('dossier.noCode')}</span> <Tag color={statusColor(d.status)}>{statusLabel(d.status)}</Tag>
          </Typography.Title>
          <p className="muted detail-subtitle">{d.procedureName}</p>
        </div>
        <Flex gap={8} wrap justify="end">
          <div role="group" aria-label={t('dossier.actionsLabel')} className="action-bar">
            {d.allowedActions.map(actionButton)}
            {apologyBlocked ? (
              <Tooltip title={d.apology.reason}>
                <Button disabled aria-label={`${actionLabel('apologise')}: ${d.apology.reason}`}>
                  {actionLabel('apologise')}
                </Button>
              </Tooltip>
            ) : null}
          </div>
          {forms.length > 0 ? (
            <Dropdown
              menu={{
                items: forms.map((f) => ({
                  key: f,
                  label: (
                    <a href={dossierFormUrl(d.id, f)} target="_blank" rel="noreferrer">
                      {t(`form.${f}`)}
                    </a>
                  ),
                })),
              }}
            >
              <Button icon={<PrinterOutlined />}>{t('dossier.print')}</Button>
            </Dropdown>
          ) : null}
        </Flex>
      </Flex>
      {d.originalDueAt ? (
        <Alert
          type={d.allowedActions.length > 0 ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`${t('dossier.originalDueAt')}: ${formatDueTime(d.originalDueAt)} → ${t('dossier.newDue')}: ${formatDueTime(d.dueAt)}`}
        />
      ) : null}
      {d.undoForwardUntil ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('undo.banner', { time: vnWallClock(d.undoForwardUntil).slice(11, 16) })}
          action={
            <Button size="small" onClick={() => void handleUndo()} loading={busy}>
              {t('undo.button')}
            </Button>
          }
        />
      ) : null}
      <ErrorAlert error={detail.error ?? actionError} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={<h3 className="section-title">{t('dossier.general')}</h3>} className="detail-card">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              {d.nationalCode ? (
                <Descriptions.Item label={t('dossier.nationalCode')} span={2}>
                  <span className="mono">{d.nationalCode}</span>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('dossier.procedure')} span={2}>
                {d.procedureName}
              </Descriptions.Item>
              {currentStep({ status: d.status, stepName: d.steps[d.stepIndex]?.name ?? null }) ? (
                <Descriptions.Item label={t('dossier.step')} span={2}>
                  {currentStep({ status: d.status, stepName: d.steps[d.stepIndex]?.name ?? null })}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('dossier.receivingUnit')}>{d.receivingUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.resolvingUnit')}>{d.resolvingUnitName}</Descriptions.Item>
              {d.interagencyUnitName ? (
                <Descriptions.Item label={t('dossier.interagencyUnit')} span={2}>
                  {d.interagencyUnitName}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('dossier.receivedAt')}>{formatDueTime(d.receivedAt ?? d.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.dueAt')}>{d.dueAt ? <DueTime d={d} /> : ''}</Descriptions.Item>
              {d.originalDueAt ? <Descriptions.Item label={t('dossier.originalDueAt')}>{formatDueTime(d.originalDueAt)}</Descriptions.Item> : null}
              {d.finishedAt ? (
                <Descriptions.Item label={t('dossier.finishedAt')}>
                  <Flex gap={8} align="center" wrap>
                    {formatDueTime(d.finishedAt)}
                    {d.finishClass ? <Tag color={finishColor(d.finishClass)}>{finishLabel(d.finishClass)}</Tag> : null}
                  </Flex>
                </Descriptions.Item>
              ) : null}
              {d.returnedAt ? <Descriptions.Item label={t('dossier.returnedAt')}>{formatDueTime(d.returnedAt)}</Descriptions.Item> : null}
              <Descriptions.Item label={t('dossier.channel')}>{channelLabel(d.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.resultDelivery')}>{deliveryLabel(d.resultDelivery)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.fee')}>{formatVnd(d.feeVnd)}</Descriptions.Item>
              {d.supplementCount > 0 ? <Descriptions.Item label={t('dossier.supplements')}>{d.supplementCount}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
          <Card size="small" title={<h3 className="section-title">{t('dossier.applicantTitle')}</h3>} className="detail-card">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('intake.fullName')}>
                <span>
                  <strong>{d.applicant.fullName}</strong> ({applicantKindLabel(d.applicant.kind)})
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.idNumber')}>{d.applicant.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('intake.phone')}>{d.applicant.phone ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('intake.email')}>{d.applicant.email ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('intake.address')} span={2}>
                {d.applicant.address ?? ''}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <EformAnswers d={d} printUrl={dossierDeclarationUrl(d.id)} />
          <FilesCard
            dossierId={d.id}
            files={files.data ?? []}
            linked={d.documents.flatMap((doc) => (doc.link ? [{ documentName: doc.name, link: doc.link }] : []))}
            loading={files.loading}
            error={files.error}
            canAttach={canAttach}
            defaultKind={lastStep || d.status === 'result_ready' ? 'result' : 'component'}
            onChanged={() => {
              files.reload();
              detail.reload();
            }}
          />
          {feeCard?.(d)}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={<h3 className="section-title">{t('dossier.steps')}</h3>} className="detail-card">
            <StepsTimeline dossier={d} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={<h3 className="section-title">{t('dossier.history')}</h3>} className="detail-card">
            <HistoryTable history={d.history} />
          </Card>
        </Col>
      </Row>
      <ActionModal dossier={d} action={action} onClose={() => setAction(null)} onDone={handleDone} />
    </>
  );
}
