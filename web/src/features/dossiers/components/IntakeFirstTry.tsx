import { Alert, Button, Flex } from 'antd';
import type dayjs from 'dayjs';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';

/**
 * This form's first press was recorded but its answer was lost, and the form changed since (the server's 422
 * DOSSIER.IDEMPOTENCY_KEY_REUSED names the dossier to its own desk): the dossier that exists, to open, or this form
 * recorded as another dossier.
 */
export function FirstTryRecorded(p: { error: unknown; first: { dossierId: string; code: string | null }; dossierPath: (id: string) => string; busy: boolean; onAsNew: () => void }) {
  const href = p.dossierPath(p.first.dossierId);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={errorText(p.error)}
      action={
        <Flex vertical gap={8}>
          <Button
            type="primary"
            href={href}
            onClick={(e) => {
              e.preventDefault();
              navigate(href);
            }}
          >
            {p.first.code ? t('intake.openFirst', { code: p.first.code }) : t('intake.openDossier')}
          </Button>
          <Button loading={p.busy} onClick={p.onAsNew}>
            {t('intake.asNew')}
          </Button>
        </Flex>
      }
    />
  );
}

/** The applicant's facts as comparable text (a date by its day), to tell which ones the officer changed. */
export function applicantFacts(a: { fullName?: string; birthDate?: dayjs.Dayjs | null; address?: string; phone?: string; email?: string } | undefined) {
  return {
    fullName: a?.fullName ?? '',
    birthDate: a?.birthDate ? a.birthDate.format('YYYY-MM-DD') : '',
    address: a?.address ?? '',
    phone: a?.phone ?? '',
    email: a?.email ?? '',
  };
}

