import { useEffect, useState } from 'react';
import { App, Button, Flex, Form, Skeleton } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { useUnits } from '../../../lib/units.js';
import { createProcedure } from '../api/create-procedure.js';
import { getProcedure, type ProcedureContent } from '../api/get-procedure.js';
import { getProcedureVersion } from '../api/get-procedure-version.js';
import { updateDraft } from '../api/update-draft.js';
import { ProcedureForm } from './ProcedureForm.js';
import { emptyContent, toContent, toFormValues, type ProcedureFormValues } from './procedure-form-values.js';

type Props = {
  /** The procedure whose draft is edited; absent to create a new procedure. */
  id?: string;
  /** The owner unit proposed for a new procedure (the officer's first managing unit). */
  defaultOwnerUnitId?: string;
  detailPath: (id: string) => string;
  listPath: string;
};

/** Creates a procedure as a draft, or edits the draft of an existing one. */
export function ProcedureEditorPage({ id, defaultOwnerUnitId, detailPath, listPath }: Props) {
  const [form] = Form.useForm<ProcedureFormValues>();
  const [initial, setInitial] = useState<ProcedureFormValues | null>(id ? null : toFormValues(emptyContent));
  const [title, setTitle] = useState<string>(id ? '' : t('proc.createTitle'));
  const [ownerUnitId, setOwnerUnitId] = useState<string | null>(defaultOwnerUnitId ?? null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const units = useUnits();
  const { message } = App.useApp();

  useEffect(() => {
    if (!id) return;
    let alive = true;
    (async () => {
      const detail = await getProcedure(id);
      const content: ProcedureContent = detail.draftVersionId && detail.draftVersionId !== detail.current.id ? (await getProcedureVersion(id, detail.draftVersionId)).content : detail.current.content;
      if (!alive) return;
      setTitle(t('proc.editTitle', { name: content.name }));
      setInitial(toFormValues(content));
    })().catch((err: unknown) => alive && setError(err));
    return () => {
      alive = false;
    };
  }, [id]);

  const handleFinish = async (values: ProcedureFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const content = toContent(values);
      if (id) {
        await updateDraft(id, content);
        message.success(t('proc.draftSaved'));
        navigate(detailPath(id));
      } else {
        if (!ownerUnitId) throw new Error(t('proc.ownerRequired'));
        const created = await createProcedure({ ownerUnitId, content });
        message.success(t('proc.created'));
        navigate(detailPath(created.id), { replace: true });
      }
    } catch (err) {
      setError(err);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <>
      <Button onClick={() => navigate(id ? detailPath(id) : listPath)}>{t('common.cancel')}</Button>
      <Button type="primary" loading={busy} onClick={() => form.submit()}>
        {t('proc.saveDraft')}
      </Button>
    </>
  );

  return (
    <>
      <PageTitle title={title || t('common.loading')} extra={actions} />
      <ErrorAlert error={error} />
      {initial ? (
        <ProcedureForm
          form={form}
          initialValues={initial}
          onFinish={handleFinish}
          codeLocked={!!id}
          header={
            id ? null : (
              <Form.Item label={t('proc.ownerUnit')} required extra={t('proc.ownerUnitHint')}>
                <UnitSelect units={units.data ?? []} loading={units.loading} value={ownerUnitId} onChange={(v) => setOwnerUnitId(typeof v === 'string' ? v : null)} aria-label={t('proc.ownerUnit')} />
              </Form.Item>
            )
          }
        />
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
      <Flex justify="end" gap={8}>
        {actions}
      </Flex>
    </>
  );
}
