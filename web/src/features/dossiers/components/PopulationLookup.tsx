import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { lookUpPopulation, recordPopulationConsent } from '../api/population.js';

/**
 * "Lấy từ CSDL quốc gia về dân cư" at the desk (Nghị định 224/2026 Điều 15 k1d): the officer records that the applicant
 * agreed (Nghị định 13/2023 Điều 11), then the name, birth date and permanent address fill the applicant fields. The
 * server refuses a look-up without that consent at this desk, and logs every look-up.
 */
export function PopulationLookup({ purpose }: { purpose: string }) {
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [why, setWhy] = useState(purpose);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const idNumber = (Form.useWatch(['applicant', 'idNumber'], form) as string | undefined)?.trim() ?? '';
  const kind = Form.useWatch(['applicant', 'kind'], form) as string | undefined;
  const unitId = Form.useWatch('receivingUnitId', form) as string | undefined;
  if (kind === 'organisation') return null;
  const ready = /^\d{12}$/.test(idNumber) && !!unitId;
  const handleOk = async () => {
    if (!unitId) return;
    setBusy(true);
    setError(null);
    try {
      await recordPopulationConsent({ idNumber, unitId, purpose: why.trim() });
      const p = await lookUpPopulation({ idNumber, unitId });
      form.setFieldsValue({ applicant: { fullName: p.fullName, birthDate: dayjs(p.birthDate), address: p.permanentAddress } });
      message.success(t('population.filled'));
      setOpen(false);
      setAgreed(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => (setWhy(purpose), setOpen(true))} disabled={!ready} title={ready ? undefined : t('population.needId')}>
        {t('population.button')}
      </Button>
      <Modal open={open} title={t('population.button')} okText={t('population.ok')} okButtonProps={{ disabled: !agreed || why.trim().length < 3, loading: busy }} onOk={() => void handleOk()} onCancel={() => setOpen(false)}>
        <Typography.Paragraph>{t('population.explain', { idNumber })}</Typography.Paragraph>
        <Form.Item label={t('population.purpose')} layout="vertical">
          <Input value={why} maxLength={500} onChange={(e) => setWhy(e.target.value)} />
        </Form.Item>
        <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
          {t('population.consent')}
        </Checkbox>
        <ErrorAlert error={error} />
      </Modal>
    </>
  );
}
