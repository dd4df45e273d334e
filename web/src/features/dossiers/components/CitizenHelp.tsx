import { FileTextOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { paths } from '../../../app/paths.js';
import { printDeclaration, submitAssisted } from '../api/citizen-help.js';
import type { IntakeInput } from '../api/receive-dossier.js';

/**
 * "Công dân không viết" at the desk: print the declaration prefilled from the citizen's CCCD data and the e-form (DOCX to
 * adjust, PDF to sign), or submit the dossier online on the citizen's behalf (free, recorded as assisted).
 */
export function CitizenHelp({ getInput, validate, disabled }: { getInput: () => IntakeInput; validate: () => Promise<boolean>; disabled: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<void>) => {
    if (!(await validate())) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const handleDeclaration = (format: 'pdf' | 'docx') =>
    run(async () => {
      const i = getInput();
      const blob = await printDeclaration(i.procedureId, {
        format,
        eform: i.eform ?? {},
        applicant: { fullName: i.applicant.fullName, idNumber: i.applicant.idNumber, birthDate: i.applicant.birthDate ?? null, gender: null, address: i.applicant.address ?? null, phone: i.applicant.phone ?? null, email: i.applicant.email ?? null },
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `to-khai.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  const handleAssisted = () =>
    run(async () => {
      const i = getInput();
      const d = await submitAssisted({
        idempotencyKey: `${i.idempotencyKey}-assisted`,
        procedureId: i.procedureId,
        resolvingUnitId: i.resolvingUnitId,
        applicant: { ...i.applicant, kind: 'citizen' },
        eform: i.eform ?? {},
        documents: (i.documents ?? []).map((d) => d.name),
        resultDelivery: i.resultDelivery,
      });
      navigate(paths.dossier(d.id));
    });
  return (
    <>
      <ErrorAlert error={error} />
      <Flex gap={12} wrap>
        <Button icon={<FileTextOutlined />} disabled={disabled || busy} onClick={() => void handleDeclaration('pdf')}>{t('intake.declarationPdf')}</Button>
        <Button icon={<FileTextOutlined />} disabled={disabled || busy} onClick={() => void handleDeclaration('docx')}>{t('intake.declarationDocx')}</Button>
        <Button icon={<SendOutlined />} disabled={disabled || busy} onClick={() => void handleAssisted()}>{t('intake.assisted')}</Button>
      </Flex>
    </>
  );
}
