import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDueTime, formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { dossierDeclarationUrl, dossierFormUrl } from '../api/dossier-form-url.js';
import { getDossier, type Dossier, type DossierAction } from '../api/get-dossier.js';
import { listDossierFiles } from '../api/list-dossier-files.js';
import { actionSpec } from '../../../../../server/src/modules/dossiers/dossier-actions.rules.js';
import { ActionModal } from './ActionModal.js';
import {
  actionLabel,
  applicantKindLabel,
  channelLabel,
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
  const { message } = App.useApp();
  const d = detail.data;

  if (!d) {
    return (
      <>
        <ErrorAlert error={detail.error} />
        {detail.error ? <Button onClick={() => navigate(listPath)}>{t('common.back')}</Button> : <Skeleton active paragraph={{ rows: 12 }} />}
      </>
    );
  }

  const handleDone = (_updated: Dossier, done: DossierAction) => {
    setAction(null);
    message.success(t('dossier.actionDone', { action: actionLabel(done) }));
    detail.reload();
    files.reload();
  };
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
            {d.allowedActions.map((a) => (
              <Button key={a} type={actionSpec[a].tone === 'primary' ? 'primary' : 'default'} danger={actionSpec[a].tone === 'danger'} onClick={() => setAction(a)}>
                {actionLabel(a)}
              </Button>
            ))}
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
      <ErrorAlert error={detail.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={<h3 className="section-title">{t('dossier.general')}</h3>} className="detail-card">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('dossier.procedure')} span={2}>
                {d.procedureName}
              </Descriptions.Item>
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
