import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Radio, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { useUnits } from '../../../lib/units.js';
import { listSigners, type SignerRow } from '../api/list-signers.js';
import { removeSigner, saveSigner } from '../api/save-signer.js';

type Values = { kind: 'head' | 'deputy'; fullName: string; title: string; headTitle?: string; validFrom: Dayjs; validTo?: Dayjs | null };
type Editing = { signer: SignerRow | null; kind: 'head' | 'deputy' } | null;

/** The capacity lines printed above the signature, as the letter shows them. */
const capacityOf = (s: Pick<SignerRow, 'kind' | 'title' | 'headTitle'>) =>
  s.kind === 'deputy' ? `KT. ${s.headTitle.toLocaleUpperCase('vi')} / ${s.title.toLocaleUpperCase('vi')}` : s.headTitle.toLocaleUpperCase('vi');

/**
 * Who signs the unit's letters (the apology letter of ND 61/2018 Điều 19 k9 is the agency's): the head for their term,
 * and deputies authorised to sign on the head's behalf ("KT.") from one day to another. A letter takes the person valid
 * on the day it is issued; an authorised deputy before the head.
 */
export function SignersPage({ unitId, unitsPath }: { unitId: string; unitsPath: string }) {
  const units = useUnits({});
  const signers = useAsync(() => listSigners(unitId), [unitId]);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const { message } = App.useApp();
  const unitName = units.data?.find((u) => u.id === unitId)?.name ?? '';
  const rows = signers.data?.signers ?? [];
  const current = rows.find((s) => s.id === signers.data?.currentId);

  const open = (signer: SignerRow | null, k: 'head' | 'deputy') => {
    setError(null);
    setEditing({ signer, kind: k });
    form.resetFields();
    const headTitle = rows.find((s) => s.kind === 'head')?.title;
    form.setFieldsValue(
      signer
        ? { kind: signer.kind, fullName: signer.fullName, title: signer.title, headTitle: signer.headTitle, validFrom: dayjs(signer.validFrom), validTo: signer.validTo ? dayjs(signer.validTo) : null }
        : { kind: k, headTitle, validFrom: dayjs(), validTo: null },
    );
  };

  const handleFinish = async (v: Values) => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    try {
      await saveSigner(unitId, editing.signer?.id ?? null, {
        kind: v.kind, fullName: v.fullName, title: v.title, headTitle: v.kind === 'deputy' ? (v.headTitle ?? null) : null,
        validFrom: v.validFrom.format('YYYY-MM-DD'), validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      });
      message.success(t('signers.saved'));
      setEditing(null);
      signers.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const handleRemove = async (s: SignerRow) => {
    try {
      await removeSigner(unitId, s.id);
      message.success(t('signers.removed'));
      signers.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Link to={unitsPath}>{t('signers.back')}</Link>
      </Typography.Paragraph>
      <PageTitle
        title={t('signers.pageTitle', { unit: unitName })}
        extra={
          <>
            <Button icon={<PlusOutlined />} onClick={() => open(null, 'deputy')}>{t('signers.addDeputy')}</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null, 'head')}>{t('signers.addHead')}</Button>
          </>
        }
      />
      <Typography.Paragraph>{t('signers.hint')}</Typography.Paragraph>
      <Alert
        style={{ marginBottom: 16 }}
        type={current ? 'info' : 'warning'}
        showIcon
        title={current ? t('signers.today', { name: current.fullName, capacity: capacityOf(current) }) : t('signers.nobody')}
      />
      <ErrorAlert error={editing ? null : (error ?? signers.error)} />
      <Table<SignerRow>
        rowKey="id"
        size="small"
        loading={signers.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('signers.empty') }}
        columns={[
          { title: t('signers.kind'), width: 170, render: (_v, s) => (s.kind === 'head' ? t('signers.kindHead') : t('signers.kindDeputy')) },
          { title: t('signers.fullName'), render: (_v, s) => <>{s.fullName} {s.id === current?.id ? <Tag color="green">{t('signers.signsToday')}</Tag> : null}</> },
          { title: t('signers.capacity'), width: 260, render: (_v, s) => capacityOf(s) },
          { title: t('signers.from'), width: 120, render: (_v, s) => formatDate(s.validFrom) },
          { title: t('signers.to'), width: 120, render: (_v, s) => (s.validTo ? formatDate(s.validTo) : t('signers.open')) },
          {
            title: t('common.actions'),
            width: 150,
            render: (_v, s) => (
              <>
                <Button size="small" type="link" onClick={() => open(s, s.kind)} aria-label={`${t('signers.edit')} ${s.fullName}`}>{t('signers.edit')}</Button>
                <Popconfirm title={t('signers.removeConfirm', { name: s.fullName })} okText={t('signers.remove')} cancelText={t('common.cancel')} onConfirm={() => handleRemove(s)}>
                  <Button size="small" type="link" danger aria-label={`${t('signers.remove')} ${s.fullName}`}>{t('signers.remove')}</Button>
                </Popconfirm>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing?.signer ? t('signers.editTitle') : editing?.kind === 'head' ? t('signers.addHead') : t('signers.addDeputy')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        forceRender
      >
        <ErrorAlert error={editing ? error : null} />
        <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
          <Form.Item label={t('signers.kind')} name="kind" rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={[{ value: 'head', label: t('signers.kindHead') }, { value: 'deputy', label: t('signers.kindDeputy') }]} />
          </Form.Item>
          <Form.Item label={t('signers.fullName')} name="fullName" rules={[{ required: true, min: 2, message: t('signers.fullNameRule') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label={t('signers.title')} name="title" rules={[{ required: true, min: 2, message: t('signers.titleRule') }]} extra={kind === 'deputy' ? t('signers.titleDeputyHint') : t('signers.titleHeadHint')}>
            <Input maxLength={120} />
          </Form.Item>
          {kind === 'deputy' ? (
            <Form.Item label={t('signers.headTitle')} name="headTitle" rules={[{ required: true, min: 2, message: t('signers.titleRule') }]} extra={t('signers.headTitleHint')}>
              <Input maxLength={120} />
            </Form.Item>
          ) : null}
          <Form.Item label={t('signers.from')} name="validFrom" rules={[{ required: true, message: t('signers.fromRule') }]}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
          <Form.Item label={t('signers.to')} name="validTo" extra={t('signers.toHint')}>
            <DatePicker format="DD/MM/YYYY" allowClear />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
